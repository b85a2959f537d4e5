package io.weir.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The server's own counters, exported by {@code GET /metrics}. Thread-safe. */
public final class ServerMetrics {
  private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
  public final LongAdder statements = new LongAdder();
  public final LongAdder statementErrors = new LongAdder();
  public final LongAdder resultRowsSent = new LongAdder();
  public final LongAdder resultRowsSkipped = new LongAdder();
  public final AtomicInteger openResultStreams = new AtomicInteger();
  public final AtomicInteger openConnections = new AtomicInteger();

  public void response(int status) {
    responses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  /** Responses sent so far, by HTTP status. */
  public Map<Integer, Long> responses() {
    Map<Integer, Long> out = new TreeMap<>();
    responses.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
