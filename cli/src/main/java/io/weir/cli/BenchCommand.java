package io.weir.cli;

import io.weir.cli.bench.Baseline;
import io.weir.cli.bench.BenchRunner;
import io.weir.cli.bench.KafkaBench;
import io.weir.cli.bench.Latency;
import io.weir.cli.bench.RunResult;
import io.weir.cli.bench.ScoringBench;
import io.weir.cli.bench.Workload;
import io.weir.cli.bench.Workloads;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weir bench [workload …]}: runs named workloads over N events in this process and prints,
 * per run, events/s (wall and per CPU second), peak heap, heap after GC, GC time, latency where
 * the workload measures it, a comparison with Flink's figure or the workload's baseline, and one
 * JSON line. Then the best and median run per workload. Exits 1 when a run fails.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run benchmark workloads (default: the issue's four: pass, tumble, hop, hop60).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "WORKLOAD",
      description = "Workloads to run (see --list); 'issue' = pass tumble hop hop60; 'all' = every one.")
  List<String> names = new ArrayList<>();

  @Option(names = {"-n", "--events"}, paramLabel = "N",
      description = "Events per run (default: each workload's own; the issue's four: 20,000,000).")
  Long events;

  @Option(names = {"-r", "--runs"}, description = "Measured runs per workload (default: ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--warmup", description = "Unmeasured runs per workload first, at a tenth of N (Kafka and scoring workloads: all of it; default: ${DEFAULT-VALUE}).")
  int warmup = 1;

  @Option(names = "--json", paramLabel = "FILE", description = "Also append every JSON line to FILE.")
  Path jsonFile;

  @Option(names = "--work-dir", description = "Where runs keep their state (default: a temporary directory).")
  Path workDir;

  @Option(names = "--kafka", description = "Use this broker for Kafka workloads instead of starting one in-process.")
  String kafka;

  @Option(names = "--list", description = "List the workloads and exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (list) {
      for (Workload w : Workloads.all()) {
        out.printf(Locale.ROOT, "%-14s %s (default N %,d)%n", w.name(), w.description(),
            w.defaultEvents());
      }
      return 0;
    }
    List<Workload> selected = new ArrayList<>();
    try {
      for (String n : names.isEmpty() ? List.of("issue") : names) {
        switch (n) {
          case "issue" -> Workloads.issueWorkloads().forEach(w -> selected.add(Workloads.byName(w)));
          case "all" -> selected.addAll(Workloads.all());
          default -> selected.add(Workloads.byName(n));
        }
      }
    } catch (WeirException e) {
      System.err.println("weir bench: " + e.getMessage());
      return 2;
    }
    Path dir = workDir != null ? Files.createDirectories(workDir)
        : Files.createTempDirectory("weir-bench-");
    KafkaBench kafkaBench = null;
    ScoringBench scoringBench = null;
    int exit = 0;
    try {
      for (Workload w : selected) {
        long n = events != null ? events : w.defaultEvents();
        try {
          if (w.source() == Workload.Source.KAFKA && kafkaBench == null) {
            kafkaBench = KafkaBench.start(kafka, dir.resolve("kafka"), System.err);
          }
          if (w.source() == Workload.Source.REQUESTS && scoringBench == null) {
            scoringBench = ScoringBench.start(dir.resolve("scoring"), System.err);
          }
          runWorkload(w, n, dir, kafkaBench, scoringBench, out);
        } catch (WeirException e) {
          System.err.println("weir bench: workload " + w.name() + " failed: " + e);
          exit = 1;
        }
      }
    } finally {
      if (kafkaBench != null) {
        kafkaBench.close();
      }
      if (scoringBench != null) {
        scoringBench.close();
      }
      if (workDir == null) {
        BenchRunner.deleteRecursively(dir, System.err); // our temporary directory (the Kafka topic too)
      }
    }
    return exit;
  }

  private void runWorkload(Workload w, long n, Path dir, KafkaBench kafkaBench,
      ScoringBench scoringBench, PrintStream out) throws IOException {
    String bootstrap = kafkaBench == null ? null : kafkaBench.bootstrapServers();
    boolean scoring = w.source() == Workload.Source.REQUESTS;
    BenchRunner runner = new BenchRunner(dir, bootstrap, System.err,
        scoring ? scoringBench::install : engine -> { });
    // Sources filled before anything is measured: the whole of them warms up, the baseline first
    // (the engine's code path is long, and a short warm-up leaves the JIT compiling during the
    // measured run, which the few methods of a baseline do not suffer).
    boolean filled = w.source() != Workload.Source.GENERATOR;
    LongFunction<String> sql = w::sql;
    if (w.source() == Workload.Source.KAFKA) {
      kafkaBench.fill(n);
    } else if (scoring) {
      String file = scoringBench.file(n).toString();
      sql = events -> w.sql(events).replace(ScoringBench.REQUESTS_FILE, file);
    }
    Supplier<Baseline> baseline = switch (w.source()) {
      case KAFKA -> () -> kafkaBench.baseline(n);
      case REQUESTS -> () -> scoringBench.baseline(n, w.scoringBatch());
      case GENERATOR -> () -> null;
    };
    long warmN = filled ? n : Math.max(1, n / 10);
    for (int i = 0; i < warmup; i++) {
      baseline.get();
      runner.run(w.name() + "-warmup", i + 1, sql.apply(warmN), warmN,
          w.rowsIn().applyAsLong(warmN), w.measuresLatency() ? new Latency() : null, null, 0);
    }
    List<RunResult> results = new ArrayList<>();
    for (int r = 1; r <= runs; r++) {
      RunResult result = runner.run(w.name(), r, sql.apply(n), n, w.rowsIn().applyAsLong(n),
          w.measuresLatency() ? new Latency() : null, baseline.get(), w.flinkEventsPerSecond());
      results.add(result);
      print(out, result);
      json(result.toJson());
    }
    summarize(out, w, results);
  }

  private static void print(PrintStream out, RunResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "%-14s run %d: %,11.0f events/s  (%,d events in %.2f s; %,.0f per query-thread CPU-s,"
            + " %,.0f per process CPU-s)  out %,d  heap peak %.0f MB, after GC %.0f MB  GC %d ms (%d)",
        r.workload(), r.run(), r.eventsPerSecond(), r.events(), r.seconds(),
        r.eventsPerTaskCpuSecond(), r.eventsPerCpuSecond(), r.rowsOut(), RunResultsMb.mb(r.peakHeapBytes()),
        RunResultsMb.mb(r.peakHeapAfterGcBytes()), r.gcMillis(), r.gcCount()));
    if (r.workerCpuSeconds() > 0) {
      sb.append(String.format(Locale.ROOT, "  CPU per event: query thread %.0f ns, UDF workers %.0f ns",
          r.taskCpuSeconds() * 1e9 / r.events(), r.workerCpuSeconds() * 1e9 / r.events()));
    }
    if (r.latencyP50Millis() >= 0) {
      sb.append(String.format(Locale.ROOT, "  latency p50 %.0f ms p99 %.0f ms",
          r.latencyP50Millis(), r.latencyP99Millis()));
    }
    if (r.baselineEventsPerSecond() > 0) {
      sb.append(String.format(Locale.ROOT, "  baseline %,.0f/s (%.0f %%; per CPU: %.0f vs %.0f ns"
              + " per event, %.0f %%)",
          r.baselineEventsPerSecond(), 100 * r.eventsPerSecond() / r.baselineEventsPerSecond(),
          r.cpuSeconds() * 1e9 / r.events(), r.baselineCpuNanosPerEvent(),
          100 * r.baselineCpuNanosPerEvent() / (r.cpuSeconds() * 1e9 / r.events())));
    }
    if (r.flinkEventsPerSecond() > 0) {
      sb.append(String.format(Locale.ROOT, "  %.2fx Flink", r.eventsPerSecond()
          / r.flinkEventsPerSecond()));
    }
    out.println(sb);
    out.println(r.toJson());
  }

  private void summarize(PrintStream out, Workload w, List<RunResult> results) throws IOException {
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingDouble(RunResult::eventsPerSecond));
    RunResult best = sorted.get(sorted.size() - 1);
    RunResult median = sorted.get(sorted.size() / 2);
    String line = String.format(Locale.ROOT,
        "{\"workload\":\"%s\",\"summary\":true,\"runs\":%d,\"events\":%d,"
            + "\"best_events_per_s\":%d,\"median_events_per_s\":%d,"
            + "\"best_events_per_task_cpu_s\":%d,\"flink_events_per_s\":%d}",
        w.name(), results.size(), best.events(), Math.round(best.eventsPerSecond()),
        Math.round(median.eventsPerSecond()),
        Math.round(sorted.stream().mapToDouble(RunResult::eventsPerTaskCpuSecond).max().orElse(0)),
        w.flinkEventsPerSecond());
    out.printf(Locale.ROOT, "%-14s best %,.0f events/s, median %,.0f events/s over %d runs;"
            + " best %,.0f per query-thread CPU-s%n",
        w.name(), best.eventsPerSecond(), median.eventsPerSecond(), results.size(),
        sorted.stream().mapToDouble(RunResult::eventsPerTaskCpuSecond).max().orElse(0));
    out.println(line);
    json(line);
  }

  private void json(String line) throws IOException {
    if (jsonFile != null) {
      Files.writeString(jsonFile, line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** Megabytes, for the human-readable lines. */
  private static final class RunResultsMb {
    static double mb(long bytes) {
      return bytes / (1024.0 * 1024.0);
    }
  }
}
