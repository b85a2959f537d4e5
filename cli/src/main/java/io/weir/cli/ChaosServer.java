package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.server.DataDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code weir server} child process of the chaos harness, on an external broker ({@code
 * --kafka}), so that killing it does not kill the broker. Its output goes to a log file through a
 * pump thread, which also watches for the line a query logs when it pauses inside a commit
 * ({@code weir.chaos.commit-pause}): once {@link #armCommitKill} was called, that line makes the
 * pump kill the process at once, inside the commit.
 *
 * <p>Used by one harness thread (plus the pump thread it owns). {@link #close} kills a process
 * that is still alive.
 */
final class ChaosServer implements AutoCloseable {
  static final String COMMIT_MARKER = "inside commit";
  /** The server's logging: what a query does (starts, restores, restarts) at INFO. */
  private static final String LOGBACK = """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.kafka" level="WARN"/>
        <logger name="io.weir" level="INFO"/>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private final Process process;
  private final Path dataDir;
  private final Thread pump;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final CountDownLatch killedInCommit = new CountDownLatch(1);

  private ChaosServer(Process process, Path dataDir, Path logFile) throws IOException {
    this.process = process;
    this.dataDir = dataDir;
    PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
    this.pump = new Thread(() -> pump(log), "chaos-server-log");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code weir server} on {@code dataDir} with the broker at {@code bootstrap}. */
  static ChaosServer start(Path dataDir, String bootstrap, String heap, Path logFile)
      throws IOException {
    Files.createDirectories(dataDir);
    Files.deleteIfExists(dataDir.resolve(DataDir.ENDPOINT));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path logConfig = dataDir.resolveSibling("server-logback.xml");
    if (!Files.exists(logConfig)) {
      Files.writeString(logConfig, LOGBACK, StandardCharsets.UTF_8);
    }
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseParallelGC",
        "-Dlogback.configurationFile=" + logConfig,
        "-cp", System.getProperty("java.class.path"), WeirCli.class.getName(), "server",
        "--port", "0", "--data-dir", dataDir.toString(), "--kafka", bootstrap);
    pb.environment().remove("WEIR_TOKEN");
    pb.environment().remove("WEIR_KAFKA_BOOTSTRAP");
    pb.redirectErrorStream(true);
    return new ChaosServer(pb.start(), dataDir, logFile);
  }

  private void pump(PrintWriter log) {
    try (log; BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.contains(COMMIT_MARKER) && armed.compareAndSet(true, false)) {
          process.destroyForcibly(); // SIGKILL while the query sleeps inside its commit
          killedInCommit.countDown();
          log.println("chaos harness: SIGKILL inside the commit path");
        }
        log.println(line);
      }
    } catch (IOException e) {
      log.println("chaos harness: the server's output ended: " + e);
    }
  }

  /** Waits until the server answers; fails when it dies or does not answer within {@code timeout}. */
  WeirClient awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(dataDir.resolve(DataDir.ENDPOINT))) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + " before it was ready");
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the server did not start within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
    WeirClient client = new WeirClient(URI.create(DataDir.readEndpoint(dataDir)),
        DataDir.readToken(dataDir));
    while (true) {
      try {
        client.info();
        return client;
      } catch (WeirClientException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IOException("the server does not answer: " + e.getMessage(), e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** From now on, the next commit marker kills the server. */
  void armCommitKill() {
    armed.set(true);
  }

  /** Waits for an armed kill; false (and disarmed) when no commit came within {@code timeout}. */
  boolean awaitCommitKill(Duration timeout) throws InterruptedException {
    boolean killed = killedInCommit.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!killed) {
      armed.set(false);
      killed = killedInCommit.getCount() == 0;
    }
    if (killed) {
      process.waitFor();
    }
    return killed;
  }

  /** SIGKILL now. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the server stops its queries cleanly (final commit) and exits. */
  boolean stopGracefully(Duration timeout) throws InterruptedException {
    process.destroy();
    boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!exited) {
      kill();
    }
    pump.join(5_000);
    return exited;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    pump.join(5_000);
  }
}
