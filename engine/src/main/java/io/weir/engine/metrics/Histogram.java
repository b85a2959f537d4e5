package io.weir.engine.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of non-negative longs in logarithmic buckets (four per power of two,
 * so a quantile is within about 12% of the true value), for latencies and batch sizes.
 * Thread-safe: any thread records, any thread reads.
 */
public final class Histogram {
  private static final int SUB = 4;
  private static final int BUCKETS = SUB + 62 * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  public void record(long v) {
    long x = Math.max(0, v);
    counts.incrementAndGet(bucket(x));
    count.incrementAndGet();
    sum.addAndGet(x);
    max.accumulateAndGet(x, Math::max);
  }

  public long count() {
    return count.get();
  }

  public long sum() {
    return sum.get();
  }

  public long max() {
    return max.get();
  }

  public double mean() {
    long n = count.get();
    return n == 0 ? 0 : (double) sum.get() / n;
  }

  /** The value below which a fraction {@code q} of the recorded values lie (0 when empty). */
  public long quantile(double q) {
    long n = 0;
    long[] snapshot = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      n += snapshot[i];
    }
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return Math.min(max.get(), upper(i));
      }
    }
    return max.get();
  }

  static int bucket(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int msb = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) ((v >>> (msb - 2)) & 3);
    return SUB + (msb - 2) * SUB + sub;
  }

  /** The largest value of bucket {@code i}. */
  static long upper(int i) {
    if (i < SUB) {
      return i;
    }
    int msb = (i - SUB) / SUB + 2;
    int sub = (i - SUB) % SUB;
    long lower = ((long) (SUB | sub)) << (msb - 2);
    return lower + (1L << (msb - 2)) - 1;
  }
}
