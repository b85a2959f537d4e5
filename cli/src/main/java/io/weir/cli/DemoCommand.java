package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.demo.SensorGenerator;
import io.weir.cli.render.RowPrinter;
import io.weir.cli.render.StatusLine;
import io.weir.engine.errors.WeirException;
import io.weir.server.DataDir;
import io.weir.server.ServerOptions;
import io.weir.server.WeirServer;
import io.weir.server.api.StatementOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir demo}: a server with embedded Kafka in this process, the topic {@code
 * sensor-readings}, a generator of sensor readings, and the windowed query of {@code
 * examples-sql/demo/sensors.sql}, whose window results are printed as they close — through the
 * REST API, as any client would read them — until Ctrl-C or {@code --duration} seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a server with embedded Kafka, generate sensor readings and show live window results.")
final class DemoCommand implements Callable<Integer> {
  static final String TOPIC = "sensor-readings";
  static final int PARTITIONS = 3;
  static final String BUNDLED_SQL = "/demo/sensors.sql";

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
      description = "Stop after this many seconds of results (default: run until Ctrl-C).")
  long duration;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
      description = "Sensor readings per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--port", defaultValue = "8765",
      description = "The server's port; a free one when it is taken (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the server's data here (default: a temporary directory removed at exit).")
  Path dataDir;

  @Option(names = "--sql", paramLabel = "FILE",
      description = "The SQL to run over the readings (default: examples-sql/demo/sensors.sql).")
  Path sqlFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private WeirServer server;
  private SensorGenerator generator;
  private ResultFollower follower;
  private Path tempDir;
  private boolean cleaned;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Thread hook = new Thread(this::cleanup, "weir-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String sql = sql();
      Path dir = dataDir;
      if (dir == null) {
        tempDir = Files.createTempDirectory("weir-demo-");
        dir = tempDir;
      }
      out.println("Weir demo: starting a server with embedded Kafka ...");
      out.flush();
      server = WeirServer.start(ServerOptions.defaults(dir).withPort(freeOrZero(port)));
      server.embeddedKafka().createTopic(TOPIC, PARTITIONS);
      generator = new SensorGenerator(server.kafkaBootstrap(), TOPIC, PARTITIONS, rate, 60);
      generator.start();
      out.printf("  server     %s  (token in %s)%n", server.url(), dir.resolve(DataDir.TOKEN));
      out.printf("  kafka      %s (embedded), topic %s with %d partitions%n",
          server.kafkaBootstrap(), TOPIC, PARTITIONS);
      out.printf("  generator  %.0f readings/s from 12 sensors at 4 sites (the last 60 s back-filled)%n", rate);
      out.printf("  query      %s%n", sqlFile != null ? sqlFile : "examples-sql/demo/sensors.sql");
      out.printf("  meanwhile  ./weir sql --server %s --data-dir %s%n", server.url(), dir);
      out.flush();

      WeirClient client = new WeirClient(server.url(), server.token());
      StatementOutcome select = null;
      for (StatementOutcome o : client.execute(sql, Map.of()).results()) {
        if (StatementOutcome.QUERY.equals(o.kind()) && !Boolean.TRUE.equals(o.persistent())) {
          select = select == null ? o : select;
        } else if (o.message() != null) {
          out.println("  " + o.message());
        }
      }
      if (select == null) {
        err.println("weir demo: the SQL has no SELECT whose results could be shown");
        return 1;
      }
      out.println("Window results as they close" + (duration > 0 ? " (for " + duration + " s)" : " (Ctrl-C stops)") + ":");
      out.flush();
      RowPrinter printer = new RowPrinter(select.columns(), out, RowPrinter.Format.TABLE);
      follower = new ResultFollower(client, select.queryId(), printer, new StatusLine(out, false), 0);
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-demo-timer");
        t.setDaemon(true);
        return t;
      });
      if (duration > 0) {
        ResultFollower f = follower;
        timer.schedule(f::cancel, duration, TimeUnit.SECONDS);
      }
      long followStart = System.nanoTime();
      ResultFollower.Outcome outcome = follower.follow();
      timer.shutdownNow();
      double first = follower.secondsToFirstRow();
      out.printf("%d window results; the first %s after start (%d readings generated).%n",
          outcome.rows(),
          first < 0 ? "never came" : String.format("%.1f s", (followStart - t0) / 1e9 + first),
          generator.sent());
      out.flush();
      if (outcome.error() != null) {
        err.println("weir demo: the query failed: " + outcome.error());
        return 1;
      }
      return 0;
    } catch (WeirException | WeirClientException e) {
      err.println("weir demo: " + e);
      return 1;
    } catch (IOException e) {
      err.println("weir demo: " + e.getMessage());
      return 1;
    } finally {
      cleanup();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running the cleanup.
      }
    }
  }

  private String sql() throws IOException {
    if (sqlFile != null) {
      return Files.readString(sqlFile, StandardCharsets.UTF_8);
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_SQL)) {
      if (in == null) {
        throw WeirException.internal("the demo SQL " + BUNDLED_SQL + " is missing from the class path", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The port if it is free on 127.0.0.1, else 0 (any free port). */
  private static int freeOrZero(int port) {
    if (port == 0) {
      return 0;
    }
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(ServerOptions.DEFAULT_HOST))) {
      s.setReuseAddress(true);
      return port;
    } catch (IOException taken) {
      return 0;
    }
  }

  /** Stops the query, the generator, the server; removes a temporary data directory. */
  private synchronized void cleanup() {
    if (cleaned) {
      return;
    }
    cleaned = true;
    if (follower != null) {
      follower.cancel();
    }
    if (generator != null) {
      generator.close();
    }
    if (server != null) {
      server.close();
    }
    if (tempDir != null) {
      try (Stream<Path> files = Files.walk(tempDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        spec.commandLine().getErr().println("weir demo: cannot remove " + tempDir + ": " + e.getMessage());
      }
    }
  }
}
