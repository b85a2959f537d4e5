package io.weir.cli;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.errors.WeirException;
import io.weir.engine.runtime.QueryState;
import io.weir.engine.runtime.ResultBuffer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weir run script.sql}: runs a script in this process. DDL first, then every query; a
 * bare SELECT prints its rows as JSON lines. Exits 0 when every query finished (bounded
 * sources) and non-zero with the error, its line and column, otherwise. Unbounded queries run
 * until Ctrl-C, which stops them cleanly.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a SQL script in this process (no server).")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCRIPT", description = "The SQL script to run.")
  Path script;

  @Option(names = "--data-dir", description = "Where query state lives (default: a temporary directory).")
  Path dataDir;

  @Option(names = "--kafka", description = "Kafka bootstrap servers for tables that name none.")
  String kafka;

  @Override
  public Integer call() throws Exception {
    String sql;
    try {
      sql = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("weir: cannot read " + script + ": " + e.getMessage());
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("weir-run-");
    Engine.Config config = Engine.Config.defaults(dir).withKafkaBootstrap(kafka);
    PrintStream out = System.out;
    try (Engine engine = new Engine(config)) {
      Thread hook = new Thread(engine::close, "weir-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      List<StatementResult> results;
      try {
        results = engine.execute(sql, Map.of());
      } catch (WeirException e) {
        System.err.println("weir: " + script + ": " + e);
        return 1;
      }
      List<Query> queries = new ArrayList<>();
      List<Thread> printers = new ArrayList<>();
      for (StatementResult r : results) {
        if (r instanceof StatementResult.QueryStarted started) {
          queries.add(started.query());
          if (!started.query().persistent()) {
            Thread t = new Thread(() -> printRows(started.query(), out), "weir-print");
            t.start();
            printers.add(t);
          }
        } else if (r instanceof StatementResult.Rows rows) {
          rows.rows().forEach(out::println);
        } else if (r instanceof StatementResult.Explained explained) {
          out.println(explained.plan());
        } else if (r instanceof StatementResult.Done done) {
          System.err.println(done.message());
        }
      }
      int exit = 0;
      for (Query q : queries) {
        while (!q.await(1, TimeUnit.SECONDS)) {
          // Unbounded queries run until Ctrl-C; the shutdown hook stops them.
        }
        if (q.state() == QueryState.FAILED) {
          System.err.println("weir: query " + q.id() + " failed: " + q.error());
          exit = 1;
        }
      }
      for (Thread t : printers) {
        t.join();
      }
      out.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and stops the queries.
      }
      return exit;
    }
  }

  /** Prints a transient query's rows as JSON lines until it ends. */
  private static void printRows(Query query, PrintStream out) {
    RowEncoder json = Formats.encoder(new TableDescriptor("result", query.schema(),
        Map.of("format", "json")));
    ResultBuffer buffer = query.results();
    long offset = 0;
    try {
      while (true) {
        ResultBuffer.Page page = buffer.read(offset, 1000, 500);
        for (Object[] row : page.rows()) {
          out.println(new String(json.encode(row), StandardCharsets.UTF_8));
        }
        offset = page.nextOffset();
        if (page.ended()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
