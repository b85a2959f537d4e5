package io.weir.engine.operators.window;

/**
 * The accumulators of one (slice, key): every aggregate call's slots laid out side by side, plain
 * {@code long}s for counts, sums, bits of doubles and flags (no boxing per row), objects only
 * where a value needs them (decimals, strings, distinct-value maps). Which slots belong to which
 * call is fixed by {@link Accumulators}. Not thread-safe.
 */
final class AggState {
  private static final Object[] NO_OBJECTS = new Object[0];

  final long[] longs;
  final Object[] objects;
  /** Changed since it was last written to the store. */
  boolean dirty;

  AggState(int longSlots, int objectSlots) {
    longs = new long[longSlots];
    objects = objectSlots == 0 ? NO_OBJECTS : new Object[objectSlots];
  }
}
