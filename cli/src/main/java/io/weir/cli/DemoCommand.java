package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.demo.SensorGenerator;
import io.weir.cli.demo.WebRequestGenerator;
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
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weir demo}: a server with embedded Kafka in this process, the example UDF jar uploaded
 * (two XGBoost models trained when it was built), a generator, and the queries of {@code
 * examples-sql/demo/}, whose results are printed as they come — through the REST API, as any
 * client would read them — until Ctrl-C or {@code --duration} seconds.
 *
 * <ul>
 *   <li>{@code --scenario sensors} (default): sensor readings into {@code sensor-readings};
 *       {@code sensors.sql} predicts each sensor's next second over HOP(1 s, 10 s) windows with
 *       a window function, live;
 *   <li>{@code --scenario web}: web-log events into {@code web-requests}; {@code
 *       web-anomalies.sql} scores every request with a model function and shows the flagged ones.
 * </ul>
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a server with embedded Kafka, generate events and show live model "
        + "predictions: over hopping windows of sensor readings (default), or on web requests "
        + "(--scenario web).")
final class DemoCommand implements Callable<Integer> {
  static final String TOPIC = "sensor-readings";
  static final String WEB_TOPIC = "web-requests";
  static final int PARTITIONS = 3;
  static final String BUNDLED_SQL = "/demo/sensors.sql";
  static final String BUNDLED_WEB_SQL = "/demo/web-anomalies.sql";
  static final String BUNDLED_JAR = "/demo/weir-examples-udf.jar";
  /** The name the demo SQL uses: {@code USING JAR 'weir-examples'}. */
  static final String JAR_NAME = "weir-examples";

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
      description = "Stop after this many seconds of results (default: run until Ctrl-C).")
  long duration;

  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "sensors",
      description = "sensors: predictions over hopping windows of sensor readings; web: anomaly "
          + "scores of web requests (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--rate", paramLabel = "N",
      description = "Events per second (default: 50 sensor readings, or 1000 web requests).")
  Double rate;

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
  private AutoCloseable generator;
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
      boolean web = scenario.equalsIgnoreCase("web");
      if (!web && !scenario.equalsIgnoreCase("sensors")) {
        err.println("weir demo: unknown --scenario '" + scenario + "'; use sensors or web");
        return 2;
      }
      String sql = sql(web);
      double perSecond = rate != null ? rate : web ? 1000 : 50;
      Path dir = dataDir;
      if (dir == null) {
        tempDir = Files.createTempDirectory("weir-demo-");
        dir = tempDir;
      }
      out.println("Weir demo: starting a server with embedded Kafka ...");
      out.flush();
      server = WeirServer.start(ServerOptions.defaults(dir).withPort(freeOrZero(port)));
      String topic = web ? WEB_TOPIC : TOPIC;
      server.embeddedKafka().createTopic(topic, PARTITIONS);
      WeirClient client = new WeirClient(server.url(), server.token());
      uploadExampleJar(client, dir, out);
      LongSupplier sentCount;
      if (web) {
        WebRequestGenerator g = new WebRequestGenerator(server.kafkaBootstrap(), topic, PARTITIONS,
            perSecond);
        g.start();
        generator = g;
        sentCount = g::sent;
      } else {
        SensorGenerator g = new SensorGenerator(server.kafkaBootstrap(), topic, PARTITIONS,
            perSecond, 60);
        g.start();
        generator = g;
        sentCount = g::sent;
      }
      out.printf("  server     %s  (token in %s)%n", server.url(), dir.resolve(DataDir.TOKEN));
      out.printf("  kafka      %s (embedded), topic %s with %d partitions%n",
          server.kafkaBootstrap(), topic, PARTITIONS);
      if (web) {
        out.printf("  generator  %.0f web requests/s from 300 clients, about 1%% anomalous%n", perSecond);
      } else {
        out.printf("  generator  %.0f readings/s from 12 sensors at 4 sites (the last 60 s back-filled)%n", perSecond);
      }
      out.printf("  models     %s, uploaded as jar '%s' (XGBoost, trained at build time)%n",
          "examples-sql/udf", JAR_NAME);
      out.printf("  query      %s%n", sqlFile != null ? sqlFile
          : web ? "examples-sql/demo/web-anomalies.sql" : "examples-sql/demo/sensors.sql");
      out.printf("  meanwhile  ./weir sql --server %s --data-dir %s%n", server.url(), dir);
      out.flush();

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
      out.println((web ? "Requests the model flags (score > 0.8)" : "Predictions of the next second, every second, per sensor")
          + (duration > 0 ? " (for " + duration + " s)" : " (Ctrl-C stops)") + ":");
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
      out.printf("%d %s; the first %s after start (%d %s generated).%n",
          outcome.rows(), web ? "flagged requests" : "window results",
          first < 0 ? "never came" : String.format("%.1f s", (followStart - t0) / 1e9 + first),
          sentCount.getAsLong(), web ? "requests" : "readings");
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

  private String sql(boolean web) throws IOException {
    if (sqlFile != null) {
      return Files.readString(sqlFile, StandardCharsets.UTF_8);
    }
    String resource = web ? BUNDLED_WEB_SQL : BUNDLED_SQL;
    try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw WeirException.internal("the demo SQL " + resource + " is missing from the class path", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Uploads the bundled example jar through the REST API, as {@code weir jar upload} would. */
  private static void uploadExampleJar(WeirClient client, Path dir, PrintWriter out)
      throws IOException {
    Path jar = dir.resolve("weir-examples-udf.jar");
    try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED_JAR)) {
      if (in == null) {
        throw WeirException.user("the example UDF jar " + BUNDLED_JAR + " is missing from the "
            + "class path: build everything with ./weir (or mvn install), which builds "
            + "examples-sql/udf first");
      }
      Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    io.weir.server.api.JarInfo info = client.uploadJar(jar, JAR_NAME);
    Files.deleteIfExists(jar);
    out.printf("  jar        '%s' uploaded (%,d bytes, version %s)%n", info.name(), info.sizeBytes(),
        info.sha256().substring(0, 12));
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
      try {
        generator.close();
      } catch (Exception e) {
        spec.commandLine().getErr().println("weir demo: stopping the generator failed: " + e);
      }
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
