package io.weir.engine.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one query. Written by the query's task thread, read by anyone (REST, CLI):
 * every field is safe to read concurrently.
 */
public final class QueryMetrics {
  public final LongAdder rowsIn = new LongAdder();
  public final LongAdder rowsOut = new LongAdder();
  public final LongAdder lateRows = new LongAdder();
  public final LongAdder malformedRows = new LongAdder();
  public final LongAdder errors = new LongAdder();
  /** The query's current watermark (epoch millis), {@link Long#MIN_VALUE} before the first. */
  public final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
  /** Records the source has yet to read (Kafka consumer lag), or -1 when unknown. */
  public final AtomicLong consumerLag = new AtomicLong(-1);
  public final long startedAtMillis = System.currentTimeMillis();
  /** Source splits (Kafka partitions) paused now because user functions have too much in flight. */
  public final AtomicLong pausedSplits = new AtomicLong();
  /** How many times the source was paused for backpressure. */
  public final LongAdder pauses = new LongAdder();
  /** Per user-defined function, by name. */
  public final Map<String, FunctionMetrics> functions = new ConcurrentHashMap<>();

  /** The metrics of a user-defined function, created on first use. */
  public FunctionMetrics function(String name, String kind) {
    return functions.computeIfAbsent(name, n -> new FunctionMetrics(n, kind));
  }
}
