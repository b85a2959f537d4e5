package io.weir.cli.bench;

import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * One named benchmark: a SQL script over a bounded source of {@code events} events into a
 * {@code blackhole} (or latency) sink, and what it is compared with.
 *
 * @param name what {@code weir bench} calls it, e.g. {@code hop60}
 * @param description one line for {@code weir bench --list}
 * @param source where the events come from: a generator in this process, or a Kafka topic the
 *     harness fills before it measures
 * @param defaultEvents N when the command line names none
 * @param script the whole script for N events (DDL, then one {@code INSERT INTO})
 * @param flinkEventsPerSecond Flink SQL 2.3's figure on the same workload (issue table,
 *     parallelism 1, heap state), or 0 when there is none
 * @param rowsIn how many rows the query reads for N events (N, except for a Nexmark stream,
 *     which is one kind of event among three)
 * @param measuresLatency whether the script's sink is a {@code bench-latency} table whose
 *     recorder the runner provides ({@link Workloads#RECORDER} in the script)
 * @param scoringBatch for a {@link Source#REQUESTS} workload, the batch size its script gives
 *     the model and the baseline uses; else 0
 */
public record Workload(String name, String description, Source source, long defaultEvents,
    LongFunction<String> script, long flinkEventsPerSecond, LongUnaryOperator rowsIn,
    boolean measuresLatency, int scoringBatch) {

  public Workload(String name, String description, Source source, long defaultEvents,
      LongFunction<String> script, long flinkEventsPerSecond) {
    this(name, description, source, defaultEvents, script, flinkEventsPerSecond, n -> n, false, 0);
  }

  public Workload(String name, String description, Source source, long defaultEvents,
      LongFunction<String> script, long flinkEventsPerSecond, LongUnaryOperator rowsIn,
      boolean measuresLatency) {
    this(name, description, source, defaultEvents, script, flinkEventsPerSecond, rowsIn,
        measuresLatency, 0);
  }

  /** Where a workload's events come from. */
  public enum Source {
    /** {@code datagen} or {@code nexmark} in the query's own thread. */
    GENERATOR,
    /** A Kafka topic of JSON records, filled before the measurement; see {@link KafkaBench}. */
    KAFKA,
    /**
     * A file of JSON web requests scored by the example model, written before the measurement;
     * see {@link ScoringBench}.
     */
    REQUESTS
  }

  /** The script for {@code events} events. */
  public String sql(long events) {
    return script.apply(events);
  }
}
