package io.weir.udf;

import java.util.function.DoubleSupplier;

/**
 * A function's own metrics, reported beside the engine's per-function metrics (calls, rows,
 * batch sizes, latency, errors). Names are short words such as {@code cache_hits}. Thread-safe.
 */
public interface MetricGroup {

  /** The counter of this name, created on first use. */
  Counter counter(String name);

  /** Registers a gauge: {@code value} is read whenever metrics are reported (any thread). */
  void gauge(String name, DoubleSupplier value);

  /** A monotonically increasing count. Thread-safe. */
  interface Counter {
    void inc(long n);

    default void inc() {
      inc(1);
    }

    long count();
  }
}
