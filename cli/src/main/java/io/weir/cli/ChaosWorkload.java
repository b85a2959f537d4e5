package io.weir.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The chaos harness's input and its oracle. Event {@code i} ({@code 0 <= i < events}) has a key
 * {@code k<n>} drawn from {@code keys} keys, the sequence number {@code i} and an event time 10 ms
 * after the previous one; one event in ten is out of order by up to 1.5 s, less than the
 * watermark delay of 2 s, so no event is ever late whatever the order in which the partitions are
 * read. An event goes to partition {@code key % partitions}. After the events, one far-future
 * event per partition moves every partition's watermark past the last window.
 *
 * <p>The oracle is the HOP(2 s, 10 s) aggregation of the events: per (key, window start) the
 * count, the sum, the minimum and the maximum of the sequence numbers, for every window that the
 * final watermark closes. Deterministic for a seed; not thread-safe.
 */
final class ChaosWorkload {
  static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long STEP_MS = 10;
  static final long SLIDE_MS = 2_000;
  static final long SIZE_MS = 10_000;
  static final long DELAY_MS = 2_000;
  static final long MAX_DISORDER_MS = 1_500;
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** A window of a key, named by its start. */
  record Window(String key, long start) {}

  /** The expected aggregate of a window. */
  record Aggregate(long count, long sum, long min, long max) {}

  final int events;
  final int keys;
  final int partitions;
  private final int[] key;
  private final long[] time;

  ChaosWorkload(long seed, int events, int keys, int partitions) {
    if (events < 1 || keys < 1 || partitions < 1) {
      throw new IllegalArgumentException("events, keys and partitions must be positive, got "
          + events + ", " + keys + ", " + partitions);
    }
    this.events = events;
    this.keys = keys;
    this.partitions = partitions;
    this.key = new int[events];
    this.time = new long[events];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < events; i++) {
      key[i] = rnd.nextInt(keys);
      long t = BASE + i * STEP_MS;
      if (rnd.nextInt(10) == 0) {
        t -= rnd.nextLong(MAX_DISORDER_MS);
      }
      time[i] = t;
    }
  }

  /** Every record: the events, then one closing event per partition. */
  int records() {
    return events + partitions;
  }

  int partition(int i) {
    return i < events ? key[i] % partitions : i - events;
  }

  String key(int i) {
    return i < events ? "k" + key[i] : "end" + (i - events);
  }

  long time(int i) {
    return i < events ? time[i] : BASE + events * STEP_MS + 30_000;
  }

  /** Record {@code i} as the query's input table reads it. */
  String json(int i) {
    return "{\"k\":\"" + key(i) + "\",\"seq\":" + i + ",\"ts\":\"" + TS.format(Instant.ofEpochMilli(time(i)))
        + "\"}";
  }

  /** The watermark once every record is read: the smallest over the partitions. */
  long finalWatermark() {
    long[] max = new long[partitions];
    java.util.Arrays.fill(max, Long.MIN_VALUE);
    for (int i = 0; i < records(); i++) {
      int p = partition(i);
      max[p] = Math.max(max[p], time(i));
    }
    long wm = Long.MAX_VALUE;
    for (long m : max) {
      wm = Math.min(wm, m - DELAY_MS);
    }
    return wm;
  }

  /** Every window the final watermark closes, with its aggregate. */
  Map<Window, Aggregate> oracle() {
    long wm = finalWatermark();
    Map<Window, long[]> acc = new HashMap<>();
    for (int i = 0; i < records(); i++) {
      long t = time(i);
      long lastEnd = Math.floorDiv(t, SLIDE_MS) * SLIDE_MS + SLIDE_MS;
      for (long end = lastEnd; end < lastEnd + SIZE_MS; end += SLIDE_MS) {
        if (end - 1 > wm) {
          continue;
        }
        long[] a = acc.computeIfAbsent(new Window(key(i), end - SIZE_MS),
            w -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
        a[0]++;
        a[1] += i;
        a[2] = Math.min(a[2], i);
        a[3] = Math.max(a[3], i);
      }
    }
    Map<Window, Aggregate> out = new HashMap<>(acc.size() * 2);
    acc.forEach((w, a) -> out.put(w, new Aggregate(a[0], a[1], a[2], a[3])));
    return out;
  }
}
