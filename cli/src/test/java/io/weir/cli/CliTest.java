package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.cli.client.WeirClient;
import io.weir.engine.testing.Await;
import io.weir.server.ServerOptions;
import io.weir.server.WeirServer;
import io.weir.server.api.QueryInfo;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code weir} client commands against one running server (with its embedded broker, started
 * once for the class): {@code sql -e}, {@code sql -f}, the interactive shell on a dumb terminal
 * fed with scripted input, and the admin verbs.
 */
class CliTest {
  @TempDir
  static Path dir;

  static WeirServer server;
  static String[] connect;

  @BeforeAll
  static void start() throws Exception {
    server = WeirServer.start(ServerOptions.defaults(dir.resolve("data")).withPort(0));
    connect = new String[] {"--server", server.url().toString(), "--data-dir",
        dir.resolve("data").toString()};
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrap());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>("cli-events", "{\"user_id\":\"user-" + i
            + "\",\"amount\":" + i + ",\"ts\":\"2024-01-01 00:00:" + String.format("%02d", i)
            + ".000\"}")).get();
      }
    }
    server.embeddedKafka().createTopic("cli-out", 1);
    Cli setup = Cli.run(args("sql", "-e", """
        CREATE TABLE cli_events (user_id STRING, amount BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'cli-events', 'format' = 'json',
              'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE TABLE cli_live (user_id STRING, amount BIGINT, ts TIMESTAMP(3))
        WITH ('connector' = 'kafka', 'topic' = 'cli-events', 'format' = 'json',
              'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE cli_out (user_id STRING, amount BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'cli-out', 'format' = 'json');
        """));
    assertEquals(0, setup.exit, setup.toString());
    assertTrue(setup.out.contains("Table 'cli_events' created."), setup.toString());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String[] args(String... more) {
    String[] all = new String[more.length + connect.length];
    all[0] = more[0];
    System.arraycopy(connect, 0, all, 1, connect.length);
    System.arraycopy(more, 1, all, 1 + connect.length, more.length - 1);
    return all;
  }

  @Test
  void sqlDashEShowsTablesAndStreamsABoundedSelect() {
    Cli r = Cli.run(args("sql", "-e",
        "SHOW TABLES; SELECT user_id, amount FROM cli_events WHERE amount >= 17;"));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("| cli_events"), r.out);
    assertTrue(r.out.contains("| user-17 "), r.out);
    assertTrue(r.out.contains("| user-19 "), r.out);
    assertTrue(r.out.contains("3 rows in"), r.out);
  }

  @Test
  void sqlDashFRunsAFileAndPrintsJsonLines() throws Exception {
    Path file = dir.resolve("query.sql");
    Files.writeString(file, "-- the big ones\nSELECT user_id, amount\nFROM cli_events\nWHERE amount > 15;\n");
    Cli r = Cli.run(args("sql", "--format", "json", "-f", file.toString()));
    assertEquals(0, r.exit, r.toString());
    List<String> lines = r.out.lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(List.of("{\"user_id\":\"user-16\",\"amount\":16}", "{\"user_id\":\"user-17\",\"amount\":17}",
        "{\"user_id\":\"user-18\",\"amount\":18}", "{\"user_id\":\"user-19\",\"amount\":19}"), lines);
  }

  @Test
  void sqlExitsNonZeroOnAnErrorAndPointsAtIt() throws Exception {
    Path file = dir.resolve("bad.sql");
    Files.writeString(file, "SHOW TABLES;\nSELECT user_id, nope FROM cli_events;\n");
    Cli r = Cli.run(args("sql", "-f", file.toString()));
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.err.contains("ERROR: line 2, column 17"), r.err);
    assertTrue(r.err.contains("nope"), r.err);
    assertTrue(r.err.contains("                 ^"), r.err);
    // SHOW TABLES ran before the failing statement: its answer is shown too.
    assertTrue(r.out.contains("cli_events"), r.out);

    Cli e = Cli.run(args("sql", "-e", "SELEC 1"));
    assertEquals(1, e.exit, e.toString());
    assertTrue(e.err.contains("line 1"), e.err);
  }

  @Test
  void withoutTheTokenTheServerRefuses() {
    Cli r = Cli.run("sql", "--server", server.url().toString(), "--data-dir",
        dir.resolve("elsewhere").toString(), "-e", "SHOW TABLES;");
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.err.contains("Authorization"), r.err);
    Cli unreachable = Cli.run("queries", "--server", "http://127.0.0.1:1", "--data-dir",
        dir.resolve("data").toString());
    assertEquals(1, unreachable.exit);
    assertTrue(unreachable.err.contains("cannot reach the Weir server"), unreachable.err);
  }

  /** {@code weir jar SUB <connect options> MORE…}. */
  static String[] jar(String sub, String... more) {
    List<String> all = new ArrayList<>(List.of("jar", sub));
    all.addAll(List.of(connect));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void jarUploadListCreateFunctionAndDelete() throws Exception {
    Path jar = io.weir.engine.udf.ExampleFunctions.jar(dir.resolve("cli-udfs.jar"));
    Cli up = Cli.run(jar("upload", jar.toString()));
    assertEquals(0, up.exit, up.toString());
    assertTrue(up.out.contains("Jar 'cli-udfs' uploaded"), up.out);
    Cli named = Cli.run(jar("upload", jar.toString(), "--name", "udfs"));
    assertEquals(0, named.exit, named.toString());
    Cli bad = Cli.run(jar("upload", jar.toString(), "--name", "../up"));
    assertEquals(1, bad.exit);
    assertTrue(bad.err.contains("not allowed"), bad.err);
    Cli create = Cli.run(args("sql", "-e",
        "CREATE FUNCTION cli_shout AS 'com.example.udf.Text' USING JAR 'udfs'; SHOW FUNCTIONS;"));
    assertEquals(0, create.exit, create.toString());
    assertTrue(create.out.contains("cli_shout"), create.out);
    Cli list = Cli.run(jar("list"));
    assertEquals(0, list.exit, list.toString());
    assertTrue(list.out.contains("cli-udfs") && list.out.contains("function cli_shout"), list.out);
    Cli refused = Cli.run(jar("delete", "udfs"));
    assertEquals(1, refused.exit);
    assertTrue(refused.err.contains("in use by function cli_shout"), refused.err);
    assertEquals(0, Cli.run(args("sql", "-e", "DROP FUNCTION cli_shout;")).exit);
    assertEquals(0, Cli.run(jar("delete", "udfs")).exit);
    assertEquals(0, Cli.run(jar("delete", "cli-udfs")).exit);
    assertTrue(!Cli.run(jar("list")).out.contains("udfs"));
  }

  @Test
  void queriesStopAndExplain() {
    Cli explain = Cli.run(args("explain", "SELECT user_id FROM cli_live WHERE amount > 3"));
    assertEquals(0, explain.exit, explain.toString());
    assertTrue(explain.out.toLowerCase().contains("cli_live"), explain.out);

    Cli started = Cli.run(args("sql", "-e", "INSERT INTO cli_out SELECT user_id, amount FROM cli_live;"));
    assertEquals(0, started.exit, started.toString());
    String id = started.out.replaceAll("(?s).*Query (\\S+) started.*", "$1");
    Cli list = Cli.run(args("queries"));
    assertEquals(0, list.exit, list.toString());
    assertTrue(list.out.contains(id) && list.out.contains("persistent"), list.out);

    Cli stop = Cli.run(args("stop", id));
    assertEquals(0, stop.exit, stop.toString());
    assertTrue(stop.out.contains("Query " + id + " is STOPPED."), stop.out);
    assertEquals(1, Cli.run(args("stop", "no-such-query")).exit);
  }

  @Test
  void interactiveShellRunsMultiLineStatementsCancelsWithCtrlCAndKeepsHistory() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, screen, StandardCharsets.UTF_8);
    WeirClient client = new WeirClient(server.url(), server.token());
    Path history = dir.resolve("history");
    SqlShell shell = new SqlShell(client, terminal, history);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(shell::run);
    String typed = "SHOW\n  TABLES\n;\n"
        + "SELECT user_id, amount\nFROM cli_live;\n"
        + "SET 'late-data.topic' = 'x';\nSET;\n"
        + "DESCRIBE cli_events;\n"
        + "quit\n";
    keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    // The unbounded SELECT prints its 20 rows, then runs until Ctrl-C.
    Await.await("the SELECT's rows on the screen", Duration.ofSeconds(60),
        () -> screen.toString(StandardCharsets.UTF_8).contains("| user-19 "));
    QueryInfo running = null;
    for (QueryInfo q : client.queries().queries()) {
      if (!q.persistent() && q.sql().contains("cli_live") && q.state().equals("RUNNING")) {
        running = q;
      }
    }
    assertTrue(running != null, "the shell's SELECT runs on the server");
    terminal.raise(Terminal.Signal.INT);
    assertEquals(0, exit.get(60, TimeUnit.SECONDS));
    String out = screen.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("| cli_events"), out);
    assertTrue(out.contains("20 rows in") && out.contains("(cancelled: query " + running.id() + " stopped)"), out);
    assertTrue(out.contains("Property 'late-data.topic' set"), out);
    assertTrue(out.contains("| late-data.topic | x"), out);
    assertTrue(out.contains("| ts ") && out.contains("TIMESTAMP(3)"), out);
    assertTrue(out.contains("Bye."), out);
    assertEquals("STOPPED", client.query(running.id()).state());
    String saved = Files.readString(history);
    assertTrue(saved.contains("SHOW") && saved.contains("FROM cli_live;"), saved);
  }

  @Test
  void shellCompletesKeywordsTablesAndColumns() {
    SqlCompleter completer = new SqlCompleter(new WeirClient(server.url(), server.token()));
    completer.refresh();
    Parser parser = new SqlLineParser();
    List<String> all = complete(completer, parser.parse("SELECT am", 9, Parser.ParseContext.COMPLETE));
    assertTrue(all.contains("SELECT") && all.contains("TUMBLE"), all.toString());
    assertTrue(all.contains("cli_events") && all.contains("amount"), all.toString());
    assertEquals("am", parser.parse("SELECT am", 9, Parser.ParseContext.COMPLETE).word());
    List<String> columns = complete(completer,
        parser.parse("SELECT cli_events.", 18, Parser.ParseContext.COMPLETE));
    assertEquals(List.of("cli_events.user_id", "cli_events.amount", "cli_events.ts"), columns);
  }

  @Test
  void theShellParserWaitsForTheSemicolon() {
    assertTrue(SqlLineParser.isComplete("SELECT 1;"));
    assertTrue(SqlLineParser.isComplete("SELECT 1; -- done"));
    assertTrue(SqlLineParser.isComplete("quit"));
    assertTrue(!SqlLineParser.isComplete("SELECT ';'"));
    assertTrue(!SqlLineParser.isComplete("SELECT 1 /* ; */"));
    assertTrue(!SqlLineParser.isComplete("SELECT 'it''s;"));
    assertTrue(SqlLineParser.isComplete("SELECT 'it''s';"));
  }

  private static List<String> complete(SqlCompleter completer, ParsedLine line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, line, candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

}
