package io.weir.engine.operators.window;

import java.util.ArrayList;
import java.util.List;

/**
 * The aggregate of a run of consecutive slices, kept up to date as a sliding window moves on: the
 * operator folds in the newest slice and evicts the oldest, so a window's result costs work in
 * proportion to the slices that enter and leave it, not to how many slices it spans. HOP(1 s, 60
 * s) then costs about what TUMBLE costs per event.
 *
 * <ul>
 *   <li>{@link Retracting}: one running table; folding merges the slice in, evicting retracts it
 *       (COUNT, and SUM/AVG of whole numbers, whose long arithmetic cancels exactly).
 *   <li>{@link TwoStacks}: for calls that merge to the same bits in any grouping but cannot
 *       retract (MIN, MAX, decimal sums): the two-stack sliding aggregation. New slices go on the
 *       back stack, whose aggregate is kept; the front stack holds, for each of its slices, the
 *       aggregate of that slice and every newer front slice. Evicting pops the front; when the
 *       front is empty the back is turned over into it, each slice merged once. A result merges
 *       the front's top with the back's aggregate. Amortized, every slice is merged a constant
 *       number of times.
 * </ul>
 *
 * <p>The slices folded in are those ending in {@code (lo, hi]}; they must not change while they
 * are folded in (the operator {@link #reset}s the running window when a row reaches one of them).
 * Tables handed to {@link #fold} stay owned by the operator. Not thread-safe.
 */
abstract sealed class RunningWindow {
  final Accumulators acc;
  /** Ends of the folded slices, oldest first (a ring buffer). */
  private long[] ends = new long[16];
  private int head;
  private int count;
  /** The folded slices end in {@code (lo, hi]}; {@code lo == hi} when none is folded. */
  long lo = Long.MIN_VALUE;
  long hi = Long.MIN_VALUE;

  RunningWindow(Accumulators acc) {
    this.acc = acc;
  }

  /** The running window for the calls of {@code acc}, or null when neither scheme applies. */
  static RunningWindow create(Accumulators acc) {
    if (acc.invertible) {
      return new Retracting(acc);
    }
    if (acc.orderFree) {
      return new TwoStacks(acc);
    }
    return null;
  }

  /** False before the first window and after {@link #invalidate}: then nothing is folded in. */
  boolean valid;

  /** Starts over, empty, at {@code at}: the next slices folded in end after it. */
  void reset(long at) {
    head = 0;
    count = 0;
    lo = at;
    hi = at;
    valid = true;
    clear();
  }

  /** Forgets everything; the next window is built from its slices. */
  void invalidate() {
    if (valid || count > 0) {
      head = 0;
      count = 0;
      clear();
    }
    valid = false;
    lo = Long.MIN_VALUE;
    hi = Long.MIN_VALUE;
  }

  /** Whether the slice ending at {@code end} is folded in. */
  boolean holds(long end) {
    return valid && end > lo && end <= hi;
  }

  /** Folds in the slice ending at {@code end}, newer than every slice folded in. */
  void fold(long end, AccTable slice) {
    if (count == ends.length) {
      long[] n = new long[ends.length * 2];
      for (int i = 0; i < count; i++) {
        n[i] = ends[(head + i) % ends.length];
      }
      ends = n;
      head = 0;
    }
    ends[(head + count) % ends.length] = end;
    count++;
    hi = end;
    doFold(slice);
  }

  /** The end of the oldest folded slice, or {@link Long#MAX_VALUE} when none. */
  long oldest() {
    return count == 0 ? Long.MAX_VALUE : ends[head];
  }

  /** Evicts the oldest folded slice, which ends at {@link #oldest}; {@code slice} is its table. */
  void evictOldest(AccTable slice) {
    long end = ends[head];
    head = (head + 1) % ends.length;
    count--;
    lo = end;
    doEvict(slice);
  }

  /** The aggregate of every folded slice (entries without rows are to be skipped). */
  abstract AccTable result();

  /** How many entries the running tables hold (for the operator's heap bound). */
  abstract long entries();

  abstract void clear();

  abstract void doFold(AccTable slice);

  abstract void doEvict(AccTable slice);

  /** One table: merge in, retract out. */
  static final class Retracting extends RunningWindow {
    private final AccTable window;

    Retracting(Accumulators acc) {
      super(acc);
      window = new AccTable(acc, 1024);
    }

    @Override
    AccTable result() {
      return window;
    }

    @Override
    long entries() {
      return window.size;
    }

    @Override
    void clear() {
      window.clear();
    }

    @Override
    void doFold(AccTable slice) {
      window.mergeAll(slice);
    }

    @Override
    void doEvict(AccTable slice) {
      window.retractAll(slice);
      if (window.size > 64 && window.nonEmpty() * 2 < window.size) {
        window.compact();
      }
    }
  }

  /** The two-stack sliding aggregation over slices. */
  static final class TwoStacks extends RunningWindow {
    /** Front stack, top last: each the aggregate of its slice and every newer front slice. */
    private final List<AccTable> front = new ArrayList<>();
    /** The back's slices, oldest first, and their aggregate. */
    private final List<AccTable> backSlices = new ArrayList<>();
    private final AccTable back;
    private final AccTable query;
    private final List<AccTable> pool = new ArrayList<>();

    TwoStacks(Accumulators acc) {
      super(acc);
      back = new AccTable(acc, 1024);
      query = new AccTable(acc, 1024);
    }

    @Override
    AccTable result() {
      if (front.isEmpty()) {
        return back;
      }
      AccTable top = front.get(front.size() - 1);
      if (backSlices.isEmpty()) {
        return top;
      }
      query.clear();
      query.mergeAll(top);
      query.mergeAll(back);
      return query;
    }

    @Override
    long entries() {
      long n = back.size + query.size;
      for (AccTable t : front) {
        n += t.size;
      }
      return n;
    }

    @Override
    void clear() {
      for (AccTable t : front) {
        recycle(t);
      }
      front.clear();
      backSlices.clear();
      back.clear();
      query.clear();
    }

    @Override
    void doFold(AccTable slice) {
      backSlices.add(slice);
      back.mergeAll(slice);
    }

    @Override
    void doEvict(AccTable slice) {
      if (front.isEmpty()) {
        flip();
      }
      recycle(front.remove(front.size() - 1));
    }

    /** Turns the back over into the front: newest slice at the bottom, oldest on top. */
    private void flip() {
      AccTable previous = null;
      for (int i = backSlices.size() - 1; i >= 0; i--) {
        AccTable t = fresh();
        if (previous != null) {
          t.mergeAll(previous);
        }
        t.mergeAll(backSlices.get(i));
        front.add(t);
        previous = t;
      }
      backSlices.clear();
      back.clear();
    }

    private AccTable fresh() {
      return pool.isEmpty() ? new AccTable(acc, 1024) : pool.remove(pool.size() - 1);
    }

    private void recycle(AccTable t) {
      t.clear();
      if (pool.size() < 256) {
        pool.add(t);
      }
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + lo + ", " + hi + "], " + count + " slices";
  }
}
