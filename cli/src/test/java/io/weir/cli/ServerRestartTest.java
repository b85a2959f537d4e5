package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.engine.testing.Await;
import io.weir.server.DataDir;
import io.weir.server.api.QueryInfo;
import io.weir.server.api.StatementOutcome;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a server process in the middle of a stream: after a restart on the same data
 * directory the tables are there, the persistent query runs again under its old id, a stopped
 * query stays stopped, and the query's Kafka output has every window exactly once.
 *
 * <p>The server runs as a child process ({@code java -cp <test class path> io.weir.cli.WeirCli
 * server}) with its embedded broker, so the broker dies with it.
 */
class ServerRestartTest {
  static final int EVENTS = 6000;
  static final int PER_WINDOW = 10;
  static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  @TempDir
  Path dir;

  private Process server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void restartAfterKillMinus9ResumesTheQueryWithoutGapOrDuplicate() throws Exception {
    Path data = dir.resolve("data");
    WeirClient client = startServer(data, 1);
    String bootstrap = client.info().kafkaBootstrap();

    execute(client, """
        CREATE TABLE rs_in (k STRING, v BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '0' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'rs-in', 'format' = 'json',
              'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE rs_out (window_start TIMESTAMP(3), window_end TIMESTAMP(3), cnt BIGINT, total BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'rs-out', 'format' = 'json');
        CREATE TABLE rs_stopped_out (k STRING, v BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'rs-stopped', 'format' = 'json');
        """);
    Producer producer = new Producer(bootstrap);
    producer.send(0, 1);  // the topic exists before the query reads it
    String queryId = execute(client, """
        INSERT INTO rs_out
        SELECT window_start, window_end, COUNT(*) AS cnt, SUM(v) AS total
        FROM TABLE(TUMBLE(TABLE rs_in, DESCRIPTOR(ts), INTERVAL '1' SECOND))
        GROUP BY window_start, window_end;
        """).get(0).queryId();
    String stoppedId = execute(client, "INSERT INTO rs_stopped_out SELECT k, v FROM rs_in;")
        .get(0).queryId();
    assertEquals("STOPPED", client.stop(stoppedId).state());

    // Events stream in while the server dies: a thread produces at about 1000 events/s.
    Thread writer = new Thread(() -> producer.send(1, EVENTS), "test-producer");
    writer.start();
    awaitWindows(bootstrap, 150, Duration.ofSeconds(90));
    server.destroyForcibly().waitFor();

    WeirClient restarted = startServer(data, 2);
    assertTrue(restarted.tables().tables().stream().anyMatch(t -> t.name().equals("rs_in")));
    assertTrue(restarted.tables().tables().stream().anyMatch(t -> t.name().equals("rs_out")));
    QueryInfo resumed = restarted.query(queryId);
    assertTrue(resumed.state().equals("RUNNING") || resumed.state().equals("STARTING"), resumed.toString());
    assertEquals("STOPPED", restarted.query(stoppedId).state());

    writer.join(180_000);
    assertEquals(EVENTS, producer.acked.get(), "every event reached the broker");
    producer.sendWatermark(EVENTS);  // closes the last window
    producer.close();
    int windows = EVENTS / PER_WINDOW;
    Map<Long, List<JsonNode>> out = awaitWindows(bootstrap, windows, Duration.ofSeconds(120));

    // SIGTERM stops the server cleanly: queries commit, the endpoint file goes away.
    server.destroy();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
    assertTrue(Files.notExists(data.resolve(DataDir.ENDPOINT)), "a clean stop removes the endpoint");
    assertTrue(logs().contains("stopped in"), logs());

    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (long w = 0; w < windows; w++) {
      List<JsonNode> rows = out.get(BASE + w * 1000);
      long first = w * PER_WINDOW;
      long expectedTotal = PER_WINDOW * first + (long) PER_WINDOW * (PER_WINDOW - 1) / 2;
      if (rows == null) {
        missing.add("window " + w);
        continue;
      }
      if (rows.size() > 1) {
        duplicated.add("window " + w + " x" + rows.size() + " " + rows);
      }
      for (JsonNode r : rows) {
        if (r.get("cnt").asLong() != PER_WINDOW || r.get("total").asLong() != expectedTotal) {
          wrong.add("window " + w + ": cnt=" + r.get("cnt") + " total=" + r.get("total")
              + ", expected " + PER_WINDOW + " and " + expectedTotal);
        }
      }
    }
    assertTrue(missing.isEmpty() && duplicated.isEmpty() && wrong.isEmpty(),
        "after kill -9 the output of " + windows + " windows has " + missing.size() + " missing, "
        + duplicated.size() + " written more than once, " + wrong.size() + " with wrong values;"
        + "\nmissing: " + head(missing) + "\nduplicated: " + head(duplicated) + "\nwrong: " + head(wrong)
        + "\n" + logs());
  }

  private static List<String> head(List<String> l) {
    return l.subList(0, Math.min(5, l.size()));
  }

  /** Starts {@code weir server} as a child process and waits until it answers. */
  private WeirClient startServer(Path data, int run) throws Exception {
    Files.deleteIfExists(data.resolve(DataDir.ENDPOINT));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
        WeirCli.class.getName(), "server", "--port", "0", "--data-dir", data.toString());
    pb.environment().remove("WEIR_TOKEN");
    pb.environment().remove("WEIR_KAFKA_BOOTSTRAP");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("server-" + run + ".log").toFile());
    server = pb.start();
    Await.await("the server to write its endpoint\n" + logs(), Duration.ofSeconds(120),
        () -> Files.exists(data.resolve(DataDir.ENDPOINT)) || !server.isAlive());
    assertTrue(server.isAlive(), "the server died:\n" + logs());
    WeirClient client = new WeirClient(URI.create(DataDir.readEndpoint(data)), DataDir.readToken(data));
    Await.await("the server to answer", Duration.ofSeconds(30), () -> {
      try {
        client.info();
        return true;
      } catch (WeirClientException e) {
        return false;
      }
    });
    return client;
  }

  private static List<StatementOutcome> execute(WeirClient client, String sql) {
    return client.execute(sql, Map.of()).results();
  }

  private String logs() {
    StringBuilder sb = new StringBuilder();
    for (int run = 1; run <= 2; run++) {
      File f = dir.resolve("server-" + run + ".log").toFile();
      if (f.exists()) {
        try {
          List<String> lines = Files.readAllLines(f.toPath());
          sb.append("--- server run ").append(run).append(" (last 40 lines):\n");
          lines.subList(Math.max(0, lines.size() - 40), lines.size())
              .forEach(l -> sb.append(l).append('\n'));
        } catch (IOException e) {
          sb.append("cannot read ").append(f).append(": ").append(e).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** Reads rs-out (committed records) until {@code n} distinct windows came; by window start. */
  private static Map<Long, List<JsonNode>> awaitWindows(String bootstrap, int n, Duration timeout)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<Long, List<JsonNode>> windows = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("rs-out", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (windows.size() < n) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + windows.size() + " of " + n + " windows in rs-out after "
              + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode row = json.readTree(r.value());
          long start = Instant.parse(row.get("window_start").asText().replace(' ', 'T') + "Z").toEpochMilli();
          windows.computeIfAbsent(start, k -> new ArrayList<>()).add(row);
        }
      }
      // Anything written twice shows up right behind: read what is there now.
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
        JsonNode row = json.readTree(r.value());
        long start = Instant.parse(row.get("window_start").asText().replace(' ', 'T') + "Z").toEpochMilli();
        windows.computeIfAbsent(start, k -> new ArrayList<>()).add(row);
      }
    }
    return windows;
  }

  /** Produces events i (key k{i%5}, v = i, ts = BASE + i * 100 ms), about 1000 per second. */
  static final class Producer {
    static final DateTimeFormatter TS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    final KafkaProducer<String, String> kafka;
    final AtomicInteger acked = new AtomicInteger();

    Producer(String bootstrap) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000");
      p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
      kafka = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    void send(int from, int to) {
      long t0 = System.nanoTime();
      for (int i = from; i < to; i++) {
        kafka.send(record(i, BASE + i * 100L), (md, e) -> {
          if (e == null) {
            acked.incrementAndGet();
          }
        });
        long due = t0 + (i - from) * 1_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      kafka.flush();
    }

    /** One event far past the last window: the watermark closes every window. */
    void sendWatermark(int i) throws Exception {
      kafka.send(record(i, BASE + i * 100L + 10_000)).get();
    }

    private static ProducerRecord<String, String> record(int i, long ts) {
      String text = TS.format(Instant.ofEpochMilli(ts));
      return new ProducerRecord<>("rs-in", "k" + (i % 5),
          "{\"k\":\"k" + (i % 5) + "\",\"v\":" + i + ",\"ts\":\"" + text + "\"}");
    }

    void close() {
      kafka.close();
    }
  }
}
