package io.weir.engine.connectors.nexmark;

import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.errors.WeirException;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads one stream of a {@code nexmark} table as split 0: walks the event numbers, generates the
 * events of its stream ({@link NexmarkGenerator}) and steps over the others, which cost nothing.
 * With {@code max-emit-speed} false, event {@code n} is handed over no earlier than {@code n /
 * first-event.rate} seconds after {@link #open} (then event time follows the wall clock, as
 * Nexmark intends for latency measurements), parking the thread rather than spinning; otherwise
 * as fast as the query takes them. A bounded table ends after {@code events.num} events over all
 * streams. Rows carry no original bytes.
 *
 * <p>Call order and threading as {@link SourceReader}.
 */
final class NexmarkReader implements SourceReader {
  private final NexmarkConfig config;
  private final int[] at;
  private NexmarkGenerator generator;
  private long startNanos;

  NexmarkReader(NexmarkConfig config) {
    this.config = config;
    this.at = new int[config.stream.columns().size()];
    java.util.Arrays.fill(at, -1);
    for (int i = 0; i < config.projection.length; i++) {
      at[config.projection[i]] = i;
    }
  }

  @Override
  public void open() {
    long base = config.baseTime >= 0 ? config.baseTime : System.currentTimeMillis();
    generator = new NexmarkGenerator(config, base, 0);
    startNanos = System.nanoTime();
  }

  @Override
  public int splitCount() {
    return 1;
  }

  @Override
  public boolean poll(SourceRecords out, int maxRecords, long timeoutMillis) {
    NexmarkGenerator g = generator;
    if (g == null) {
      throw WeirException.internal("poll before open on the nexmark source of table '"
          + config.table + "'", null);
    }
    long end = config.bounded() ? config.eventsNum : Long.MAX_VALUE;
    if (g.nextEvent() >= end) {
      if (config.keepAlive) {
        LockSupport.parkNanos(Math.max(1, timeoutMillis) * 1_000_000L);
        return true;
      }
      return false;
    }
    long limit = end;
    if (!config.maxEmitSpeed) {
      limit = Math.min(end, due(System.nanoTime()));
      if (g.nextEvent() >= limit) {
        long wait = dueNanos(g.nextEvent()) - (System.nanoTime() - startNanos);
        LockSupport.parkNanos(Math.max(1, Math.min(wait, Math.max(1, timeoutMillis) * 1_000_000L)));
        limit = Math.min(end, due(System.nanoTime()));
      }
    }
    NexmarkStream stream = config.stream;
    int width = config.projection.length;
    int rows = 0;
    int max = Math.max(1, maxRecords);
    while (rows < max && g.nextEvent() < limit) {
      if (g.streamOf(g.nextEvent()) != stream) {
        g.skip();
        continue;
      }
      Object[] row = new Object[width];
      g.generate(row, at);
      out.row(0, row, null);
      rows++;
    }
    return g.nextEvent() < end || config.keepAlive;
  }

  /** One past the last event due at {@code now}. */
  private long due(long now) {
    double elapsedMicros = (now - startNanos) / 1000.0;
    return (long) (elapsedMicros / config.interEventDelayMicros) + 1;
  }

  private long dueNanos(long event) {
    return (long) (event * config.interEventDelayMicros * 1000.0);
  }

  @Override
  public boolean isBounded() {
    return config.bounded() && !config.keepAlive;
  }

  @Override
  public void close() {
    generator = null;
  }
}
