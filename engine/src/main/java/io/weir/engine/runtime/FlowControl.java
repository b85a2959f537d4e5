package io.weir.engine.runtime;

import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure between a query's source and its asynchronous stages (model and window
 * functions on the worker pool): when they hold as many rows as they may, the source is paused —
 * a Kafka reader pauses its partitions and is still polled, so its consumer stays in its group —
 * and it is resumed when they have drained to half. It also moves ready results along, shortens
 * polls to the stages' next timed action, and drains everything before a commit. With no
 * asynchronous stage it only forwards polls.
 *
 * <p>One task thread; not thread-safe. Failures of the stages propagate from {@link #pump}.
 */
final class FlowControl {
  private final Chain chain;
  private final QueryMetrics metrics;
  private final boolean active;
  private boolean paused;
  private boolean pollWhilePaused;

  FlowControl(Chain chain, QueryMetrics metrics) {
    this.chain = chain;
    this.metrics = metrics;
    this.active = chain.hasAsync();
  }

  /** Polls the source unless the chain is saturated; see the class comment. */
  boolean poll(SourceReader reader, SourceRecords out, int maxRecords, long timeoutMillis) {
    if (!active) {
      return reader.poll(out, maxRecords, timeoutMillis);
    }
    update(reader);
    long timeout = Math.min(timeoutMillis, untilDeadlineMillis());
    if (!paused) {
      // Never hand over more than the stages may still take, so heap stays bounded.
      int room = (int) Math.max(1, Math.min(maxRecords, chain.room()));
      return reader.poll(out, room, timeout);
    }
    boolean more = true;
    if (pollWhilePaused) {
      more = reader.poll(out, maxRecords, 0);
    }
    await(timeout);
    return more;
  }

  /** Moves ready results along and pauses or resumes the source. */
  void pump(SourceReader reader) {
    if (active) {
      chain.pump();
      update(reader);
    }
  }

  /**
   * Waits until the asynchronous stages hold nothing — every row emitted, every watermark
   * released — keeping a paused Kafka reader polled meanwhile. Used before a commit and at the
   * end of a bounded input.
   */
  void drain(SourceReader reader, SourceRecords out) {
    if (!active) {
      return;
    }
    boolean wasPaused = paused;
    if (!paused) {
      pause(reader);
    }
    long lastPoll = System.nanoTime();
    while (true) {
      chain.pump();
      if (chain.idle()) {
        break;
      }
      await(Math.min(50, untilDeadlineMillis()));
      if (pollWhilePaused && System.nanoTime() - lastPoll > TimeUnit.MILLISECONDS.toNanos(100)) {
        reader.poll(out, 0, 0);
        lastPoll = System.nanoTime();
      }
    }
    if (!wasPaused) {
      resume(reader);
    }
  }

  private void update(SourceReader reader) {
    if (!paused && chain.saturated()) {
      pause(reader);
    } else if (paused && chain.relieved()) {
      resume(reader);
    }
  }

  private void pause(SourceReader reader) {
    pollWhilePaused = reader.pause();
    paused = true;
    metrics.pausedSplits.set(reader.splitCount());
    metrics.pauses.increment();
  }

  private void resume(SourceReader reader) {
    reader.resume();
    paused = false;
    metrics.pausedSplits.set(0);
  }

  private long untilDeadlineMillis() {
    long next = chain.nextDeadlineNanos();
    if (next == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()) + 1);
  }

  private void await(long millis) {
    try {
      chain.awaitProgress(Math.max(1, Math.min(millis, 100)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WeirException.external("interrupted while waiting for user functions", e);
    }
  }
}
