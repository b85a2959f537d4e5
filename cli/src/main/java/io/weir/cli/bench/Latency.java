package io.weir.cli.bench;

/**
 * A histogram of latencies in whole milliseconds (one bucket per millisecond up to ten minutes,
 * one bucket above), exact to the millisecond. Written by one thread (the query's sink), read
 * after the query ended (the query's end orders the writes before the reads).
 */
public final class Latency {
  private static final int MAX_MILLIS = 600_000;
  private final long[] buckets = new long[MAX_MILLIS + 2];
  private long count;

  /** Adds {@code n} samples of {@code millis} (negative values count as 0). */
  public void record(long millis, long n) {
    int b = millis < 0 ? 0 : (int) Math.min(millis, MAX_MILLIS + 1);
    buckets[b] += n;
    count += n;
  }

  public long count() {
    return count;
  }

  /** The smallest latency that {@code p} percent of the samples do not exceed, or -1 when empty. */
  public double percentile(double p) {
    if (count == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(count * p / 100.0);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= Math.max(1, rank)) {
        return i;
      }
    }
    return MAX_MILLIS + 1;
  }
}
