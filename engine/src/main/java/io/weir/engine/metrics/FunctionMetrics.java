package io.weir.engine.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The counters of one user-defined function in one query: calls, rows, batch sizes, call
 * latency, rows waiting, failures by outcome, and the function's own counters and gauges.
 * Written by the query's task thread and the worker pool, read by anyone: every field is safe to
 * use concurrently.
 */
public final class FunctionMetrics {
  public final String name;
  public final String kind;
  /** Calls into the function (one per batch for model and window functions). */
  public final LongAdder calls = new LongAdder();
  /** Rows (model, scalar) or windows (window function) passed to the function. */
  public final LongAdder rows = new LongAdder();
  /** Rows or windows per call. */
  public final Histogram batchSizes = new Histogram();
  /** Call latency, microseconds. */
  public final Histogram latencyMicros = new Histogram();
  /** Rows accepted and not yet sent to the pool. */
  public final AtomicLong queued = new AtomicLong();
  /** Rows accepted and not yet emitted downstream (queued, running or waiting for order). */
  public final AtomicLong inFlight = new AtomicLong();
  /** Calls that threw. */
  public final LongAdder errors = new LongAdder();
  /** Calls abandoned after the timeout. */
  public final LongAdder timeouts = new LongAdder();
  /** Rows sent to the dead-letter destination. */
  public final LongAdder deadLettered = new LongAdder();
  /** Rows whose result became NULL because their call failed. */
  public final LongAdder nulled = new LongAdder();
  private final Map<String, LongAdder> userCounters = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> userGauges = new ConcurrentHashMap<>();

  public FunctionMetrics(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  /** A counter the function itself keeps ({@code FunctionContext.metrics()}). */
  public LongAdder userCounter(String counter) {
    return userCounters.computeIfAbsent(counter, k -> new LongAdder());
  }

  public void userGauge(String gauge, DoubleSupplier value) {
    userGauges.put(gauge, value);
  }

  /**
   * Forgets the function's gauges (their suppliers are its code): called when its query ends,
   * so that ended queries do not keep the function's class loader alive.
   */
  public void clearUserGauges() {
    userGauges.clear();
  }

  /** The function's own counters and gauges, read now (a gauge that throws reads NaN). */
  public Map<String, Double> userMetrics() {
    Map<String, Double> out = new TreeMap<>();
    userCounters.forEach((k, v) -> out.put(k, (double) v.sum()));
    userGauges.forEach((k, v) -> {
      double d;
      try {
        d = v.getAsDouble();
      } catch (RuntimeException e) {
        d = Double.NaN;
      }
      out.put(k, d);
    });
    return out;
  }
}
