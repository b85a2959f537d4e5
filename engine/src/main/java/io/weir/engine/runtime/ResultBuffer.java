package io.weir.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rows of a transient query ({@code SELECT}), kept for readers in a bounded ring.
 *
 * <p><b>Policy.</b> The query never waits for a reader: when the ring is full the oldest row is
 * dropped. Row offsets count from 0 and never change, so a reader resumes at any offset; a reader
 * that asks for rows already dropped gets the oldest rows still held and learns in {@link
 * Page#skipped} how many it missed. Several readers may follow one buffer independently.
 *
 * <p>Thread-safe: one writer (the query's task), any number of readers.
 */
public final class ResultBuffer {
  private final Object[][] ring;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long nextOffset;
  private boolean ended;
  private String error;

  /** A slice of rows read from the buffer. */
  public record Page(List<Object[]> rows, long firstOffset, long nextOffset, long skipped,
      boolean ended, String error) {}

  public ResultBuffer(int capacity) {
    this.ring = new Object[Math.max(1, capacity)][];
  }

  public int capacity() {
    return ring.length;
  }

  public void append(Object[] row) {
    lock.lock();
    try {
      ring[(int) (nextOffset % ring.length)] = row;
      nextOffset++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more rows will come; {@code error} is null when the query ended normally. */
  public void end(String error) {
    lock.lock();
    try {
      if (!ended) {
        ended = true;
        this.error = error;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rows from {@code offset} on, at most {@code max}; waits up to {@code waitMillis} when none is
   * there yet and the query has not ended.
   */
  public Page read(long offset, int max, long waitMillis) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
      while (offset >= nextOffset && !ended) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
      long oldest = Math.max(0, nextOffset - ring.length);
      long from = Math.max(offset, oldest);
      long skipped = from - offset;
      List<Object[]> rows = new ArrayList<>();
      for (long o = from; o < nextOffset && rows.size() < max; o++) {
        rows.add(ring[(int) (o % ring.length)]);
      }
      long next = from + rows.size();
      return new Page(rows, from, next, Math.max(0, skipped), ended && next >= nextOffset, error);
    } finally {
      lock.unlock();
    }
  }

  /** How many rows were appended so far. */
  public long size() {
    lock.lock();
    try {
      return nextOffset;
    } finally {
      lock.unlock();
    }
  }
}
