package io.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every JMH benchmark runs once, in this JVM, for a few milliseconds and at its smallest sizes, so
 * that the benchmarks keep compiling and working; the numbers mean nothing here.
 */
class BenchmarksSmokeTest {
  @Test
  void everyBenchmarkRuns() throws RunnerException {
    Options options = new OptionsBuilder()
        .include("io\\.weir\\.engine\\..*Benchmark")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(20))
        .timeUnit(TimeUnit.NANOSECONDS)
        .param("keys", "100")
        .param("batch", "64")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    // 2 JSON x 2 shapes, 2 window, 4 RocksDB, 3 expressions, 2 scoring.
    assertEquals(15, results.size(), "benchmark runs");
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      assertTrue(score > 0 && Double.isFinite(score),
          r.getParams().getBenchmark() + " scored " + score);
    }
  }
}
