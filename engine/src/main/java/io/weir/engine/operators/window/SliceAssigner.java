package io.weir.engine.operators.window;

import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.WindowSpec;

/**
 * The window arithmetic of a TUMBLE or HOP window over slices, and nothing else: pure functions
 * of timestamps, no state.
 *
 * <p><b>Windows.</b> Half-open {@code [start, end)}, {@code size} long, starting at every {@code
 * k * slide + offset} (TUMBLE: {@code slide == size}). A timestamp belongs to every window that
 * contains it: {@code floor(size / slide)} or {@code ceil(size / slide)} of them. The size need not
 * be a multiple of the slide.
 *
 * <p><b>Slices.</b> Time is cut into slices of {@code gcd(size, slide)} milliseconds aligned to
 * the offset, each named by its (exclusive) end. Every window start and end is a slice boundary,
 * so a window is exactly the {@code size / sliceSize} slices ending in {@code (start, end]}, and
 * all timestamps of one slice belong to the same windows. An event therefore updates exactly one
 * slice (Flink's {@code SliceAssigners}, Jet's {@code SlidingWindowPolicy}).
 *
 * <p><b>Firing and lateness</b> follow Flink SQL: a window is complete once the watermark {@code
 * wm} satisfies {@code end - 1 <= wm} (Flink's timer at {@code end - 1}); a timestamp is late
 * once the last window containing it is complete; a slice may be dropped once the last window
 * containing it is complete.
 *
 * <p>Timestamps may be negative (before 1970): all alignment uses floor division. A timestamp so
 * close to {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE} that one of its windows would not fit
 * in a {@code long} is rejected with a {@link WeirException} that names it; no slice or window end
 * is ever {@link Long#MAX_VALUE}, which stays free as a sentinel.
 *
 * <p>Immutable and thread-safe.
 */
public final class SliceAssigner {

  /**
   * The most slices one window may span. HOP(1 ms, 1 day) would need 86.4 million; merging that
   * many slices per window is never what the user meant.
   */
  public static final long MAX_SLICES_PER_WINDOW = 1_000_000;

  private final WindowSpec spec;
  private final long size;
  private final long slide;
  private final long sliceSize;
  /** The offset, normalized into {@code [0, slide)} (the same windows as the one written). */
  private final long offset;
  private final int slicesPerWindow;
  /** {@code floorMod(windowEnd, slide)}, the same for every window end. */
  private final long endPhase;

  private SliceAssigner(WindowSpec spec, long size, long slide, long offset) {
    this.spec = spec;
    this.size = size;
    this.slide = slide;
    this.sliceSize = gcd(size, slide);
    this.offset = Math.floorMod(offset, slide);
    long perWindow = size / sliceSize;
    if (perWindow > MAX_SLICES_PER_WINDOW) {
      throw WeirException.user("window " + spec + " would need " + perWindow
          + " slices of gcd(size " + size + " ms, slide " + slide + " ms) = " + sliceSize
          + " ms per window; at most " + MAX_SLICES_PER_WINDOW
          + " are supported: choose a size that is a multiple of the slide or a coarser slide");
    }
    this.slicesPerWindow = (int) perWindow;
    this.endPhase = Math.floorMod(this.offset + Math.floorMod(size, slide), slide);
  }

  /**
   * The assigner of a window spec.
   *
   * @throws WeirException (USER) when the spec is not a valid TUMBLE or HOP window: non-positive
   *     size or slide, slide larger than size, a TUMBLE whose slide differs from its size, or more
   *     than {@link #MAX_SLICES_PER_WINDOW} slices per window
   */
  public static SliceAssigner of(WindowSpec spec) {
    if (spec == null || spec.type() == null) {
      throw WeirException.internal("a window aggregation needs a window spec, got " + spec, null);
    }
    long size = spec.sizeMillis();
    long slide = spec.slideMillis();
    if (size <= 0) {
      throw WeirException.user(spec.type() + " window size must be positive, got " + size + " ms");
    }
    switch (spec.type()) {
      case TUMBLE -> {
        if (slide != size) {
          throw WeirException.user("TUMBLE window slide must equal its size, got slide " + slide
              + " ms and size " + size + " ms");
        }
      }
      case HOP -> {
        if (slide <= 0) {
          throw WeirException.user("HOP window slide must be positive, got " + slide + " ms");
        }
        if (slide > size) {
          throw WeirException.user("HOP window slide must not be larger than its size, got slide "
              + slide + " ms and size " + size + " ms");
        }
      }
      default -> throw WeirException.internal("unknown window type " + spec.type(), null);
    }
    return new SliceAssigner(spec, size, slide, spec.offsetMillis());
  }

  public WindowSpec spec() {
    return spec;
  }

  /** The window length in milliseconds. */
  public long windowSize() {
    return size;
  }

  /** The distance between consecutive window starts (TUMBLE: the size). */
  public long slide() {
    return slide;
  }

  /** The offset of window starts from the epoch, normalized into {@code [0, slide)}. */
  public long offset() {
    return offset;
  }

  /** The slice width: {@code gcd(size, slide)}. */
  public long sliceSize() {
    return sliceSize;
  }

  /** How many slices one window spans: {@code size / sliceSize}. */
  public int slicesPerWindow() {
    return slicesPerWindow;
  }

  /** The end of the slice that holds {@code timestamp}: the slice is {@code [end - sliceSize, end)}. */
  public long sliceEnd(long timestamp) {
    return add(alignDown(timestamp, sliceSize), sliceSize, timestamp);
  }

  /** The start of the slice that ends at {@code sliceEnd}. */
  public long sliceStart(long sliceEnd) {
    return sliceEnd - sliceSize;
  }

  /** The start of the window that ends at {@code windowEnd}. */
  public long windowStart(long windowEnd) {
    return windowEnd - size;
  }

  /** Whether {@code t} is the end of some window. */
  public boolean isWindowEnd(long t) {
    return Math.floorMod(t, slide) == endPhase;
  }

  /** The end of the latest window that contains {@code timestamp}. */
  public long lastWindowEnd(long timestamp) {
    return add(alignDown(timestamp, slide), size, timestamp);
  }

  /** The end of the earliest window that contains {@code timestamp}. */
  public long firstWindowEnd(long timestamp) {
    // The earliest start is the smallest window start s with s > timestamp - size.
    long startBound = subtract(timestamp, size, timestamp);
    long start = add(alignDown(startBound, slide), slide, timestamp);
    return add(start, size, timestamp);
  }

  /** The ends of every window that contains {@code timestamp}, increasing. */
  public long[] windowEnds(long timestamp) {
    long first = firstWindowEnd(timestamp);
    long last = lastWindowEnd(timestamp);
    int n = (int) ((last - first) / slide) + 1;
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      ends[i] = first + i * slide;
    }
    return ends;
  }

  /** The end of the earliest window that covers the slice ending at {@code sliceEnd}. */
  public long firstWindowEndOfSlice(long sliceEnd) {
    return firstWindowEnd(sliceEnd - sliceSize);
  }

  /** The end of the latest window that covers the slice ending at {@code sliceEnd}. */
  public long lastWindowEndOfSlice(long sliceEnd) {
    return lastWindowEnd(sliceEnd - sliceSize);
  }

  /** The ends of every window that covers the slice ending at {@code sliceEnd}, increasing. */
  public long[] windowEndsOfSlice(long sliceEnd) {
    return windowEnds(sliceEnd - sliceSize);
  }

  /** The ends of the slices a window covers, increasing: {@code start + sliceSize, …, end}. */
  public long[] slicesOfWindow(long windowEnd) {
    long[] slices = new long[slicesPerWindow];
    long first = windowEnd - size + sliceSize;
    for (int i = 0; i < slicesPerWindow; i++) {
      slices[i] = first + i * sliceSize;
    }
    return slices;
  }

  /** Whether the window ending at {@code windowEnd} fires at (or before) watermark {@code wm}. */
  public static boolean isWindowComplete(long windowEnd, long wm) {
    return windowEnd - 1 <= wm;
  }

  /**
   * Whether a row stamped {@code timestamp} is late at watermark {@code wm}: the last window
   * containing it has fired. A row late for some but not all of its windows is not late; it
   * counts in the windows still open.
   */
  public boolean isLate(long timestamp, long wm) {
    return lastWindowEnd(timestamp) - 1 <= wm;
  }

  /** Whether the slice ending at {@code sliceEnd} is needed by no window still to fire at {@code wm}. */
  public boolean isSliceExpired(long sliceEnd, long wm) {
    return lastWindowEndOfSlice(sliceEnd) - 1 <= wm;
  }

  /**
   * The end of the earliest window that is not complete at watermark {@code wm}, or {@link
   * Long#MAX_VALUE} when every window that fits in a {@code long} is complete.
   */
  public long firstOpenWindowEnd(long wm) {
    if (wm >= Long.MAX_VALUE - 2) {
      return Long.MAX_VALUE;
    }
    long from = wm + 2; // end - 1 > wm  <=>  end >= wm + 2
    long delta = Math.floorMod(endPhase - Math.floorMod(from, slide), slide);
    return from >= Long.MAX_VALUE - delta ? Long.MAX_VALUE : from + delta;
  }

  @Override
  public String toString() {
    return "SliceAssigner(" + spec + ", slice=" + sliceSize + "ms, offset=" + offset + "ms)";
  }

  /** The largest {@code k * step + offset} not after {@code t}. */
  private long alignDown(long t, long step) {
    long r = floorModOffset(t, step);
    return subtract(t, r, t);
  }

  /** {@code floorMod(t - offset, step)} without overflowing for any {@code t}. */
  private long floorModOffset(long t, long step) {
    return Math.floorMod(Math.floorMod(t, step) - Math.floorMod(offset, step), step);
  }

  /** {@code a + b}, rejecting overflow and {@link Long#MAX_VALUE} (kept free as a sentinel). */
  private long add(long a, long b, long timestamp) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0 || r == Long.MAX_VALUE) {
      throw outOfRange(timestamp);
    }
    return r;
  }

  private long subtract(long a, long b, long timestamp) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      throw outOfRange(timestamp);
    }
    return r;
  }

  private WeirException outOfRange(long timestamp) {
    return WeirException.user("rowtime " + timestamp + " ms is too close to the limits of a 64-bit"
        + " timestamp for window " + spec + ": one of its windows would not fit");
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
