package io.weir.engine.connectors.nexmark;

/**
 * The sequence of {@link java.util.Random} (the same 48-bit linear congruential generator, the
 * same {@code nextInt(bound)}, {@code nextLong} and {@code nextDouble}) without its atomic seed,
 * so that it can be reseeded per event for nothing: every Nexmark event draws from a generator
 * seeded with a hash of its event id, which makes each event depend only on its id (and lets a
 * table of bids skip people and auctions without generating them). Not thread-safe.
 */
final class EventRandom {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long seed;

  EventRandom(long seed) {
    setSeed(seed);
  }

  /** As {@link java.util.Random#setSeed}. */
  void setSeed(long seed) {
    this.seed = (seed ^ MULTIPLIER) & MASK;
  }

  private int next(int bits) {
    seed = (seed * MULTIPLIER + ADDEND) & MASK;
    return (int) (seed >>> (48 - bits));
  }

  int nextInt() {
    return next(32);
  }

  /** As {@link java.util.Random#nextInt(int)}: uniform in {@code [0, bound)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    int r = next(31);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
      // Reject the top values that would bias the result, as java.util.Random does.
    }
    return r;
  }

  long nextLong() {
    return ((long) next(32) << 32) + next(32);
  }

  double nextDouble() {
    return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
  }

  /** A long in {@code [0, n)} the way Nexmark's generator draws one (skewed above int range). */
  long nextLong(long n) {
    if (n < Integer.MAX_VALUE) {
      return nextInt((int) n);
    }
    return Math.abs(nextLong() % n);
  }
}
