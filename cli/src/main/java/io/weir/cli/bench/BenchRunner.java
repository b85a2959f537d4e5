package io.weir.cli.bench;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.errors.WeirException;
import io.weir.engine.runtime.QueryState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one workload once in this JVM, in a fresh {@link Engine} with its default settings, and
 * measures it: the clock starts when the source hands over its first event (so SQL planning,
 * code generation and opening RocksDB are not counted) and stops when the query has ended and
 * closed its state. Not thread-safe; one run at a time.
 */
public final class BenchRunner {
  private final Path workDirectory;
  private final String kafkaBootstrap;
  private final PrintStream log;
  private final Consumer<Engine> prepare;

  /**
   * @param workDirectory where each run's engine keeps its state (a fresh subdirectory per run)
   * @param kafkaBootstrap the broker Kafka workloads read, or null
   * @param log where progress lines go
   * @param prepare what each run's engine needs before the script (a UDF jar), not measured
   */
  public BenchRunner(Path workDirectory, String kafkaBootstrap, PrintStream log,
      Consumer<Engine> prepare) {
    this.workDirectory = workDirectory;
    this.kafkaBootstrap = kafkaBootstrap;
    this.log = log;
    this.prepare = prepare;
  }

  /**
   * Runs {@code script}, whose last statement starts the one query to measure, and waits for it
   * to end.
   *
   * @param events the events the source generates (what events/s counts)
   * @param expectedRows how many rows the query must read; fewer or more is an error
   * @throws WeirException when the query fails or reads another number of rows
   */
  public RunResult run(String workload, int run, String script, long events, long expectedRows,
      Latency latency, Baseline baseline, long flinkEventsPerSecond) {
    Path dir = workDirectory.resolve(workload + "-" + run + "-" + System.nanoTime());
    String recorder = "bench-" + workload + "-" + run + "-" + System.nanoTime();
    if (latency != null) {
      LatencySinkConnector.register(recorder, latency);
      script = script.replace(Workloads.RECORDER, recorder);
    }
    Engine.Config config = Engine.Config.defaults(dir).withKafkaBootstrap(kafkaBootstrap);
    try (JvmMeter meter = new JvmMeter(); Engine engine = new Engine(config)) {
      prepare.accept(engine);
      meter.start();
      List<StatementResult> results = engine.execute(script);
      Query query = null;
      for (StatementResult r : results) {
        if (r instanceof StatementResult.QueryStarted started) {
          query = started.query();
        }
      }
      if (query == null) {
        throw WeirException.internal("the script of workload " + workload + " starts no query",
            null);
      }
      long first = awaitFirstEvent(query);
      while (!query.await(1, TimeUnit.SECONDS)) {
        // Bounded: it ends by itself.
      }
      long end = System.nanoTime();
      meter.stop();
      if (query.state() != QueryState.FINISHED) {
        throw query.error() != null ? query.error()
            : WeirException.internal("workload " + workload + " ended " + query.state(), null);
      }
      long rows = query.metrics().rowsIn.sum();
      if (rows != expectedRows) {
        throw WeirException.internal("workload " + workload + " read " + rows
            + " rows, expected " + expectedRows, null);
      }
      double p50 = latency == null ? -1 : latency.percentile(50);
      double p99 = latency == null ? -1 : latency.percentile(99);
      return new RunResult(workload, run, events, query.metrics().rowsOut.sum(),
          (end - first) / 1e9, meter.cpuNanos() / 1e9, meter.taskCpuNanos() / 1e9,
          meter.workerCpuNanos() / 1e9,
          meter.peakHeapBytes(),
          meter.peakLiveHeapBytes(), meter.gcMillisSpent(), meter.gcCollections(), p50, p99,
          baseline == null ? 0 : baseline.recordsPerSecond(),
          baseline == null ? 0 : baseline.cpuNanosPerRecord(), flinkEventsPerSecond);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.internal("interrupted while running workload " + workload, e);
    } finally {
      LatencySinkConnector.unregister(recorder);
      deleteRecursively(dir, log);
    }
  }

  /** Polls (1 ms) until the source has handed over an event; returns that moment. */
  private static long awaitFirstEvent(Query query) throws InterruptedException {
    while (query.metrics().rowsIn.sum() == 0 && !query.state().isTerminal()) {
      Thread.sleep(1);
    }
    return System.nanoTime();
  }

  /** Deletes a bench directory and what it holds; a failure is reported on {@code log}, not thrown. */
  public static void deleteRecursively(Path dir, PrintStream log) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.println("bench: cannot delete " + dir + ": " + e);
    }
  }
}
