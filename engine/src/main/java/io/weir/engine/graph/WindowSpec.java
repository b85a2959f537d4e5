package io.weir.engine.graph;

import io.weir.engine.errors.WeirException;

/**
 * A TUMBLE or HOP window: {@code size} milliseconds long, a new one every {@code slide}
 * milliseconds (TUMBLE: slide == size), aligned to {@code offset} from the epoch. Windows are
 * half-open: {@code [start, start + size)}.
 */
public record WindowSpec(Type type, long sizeMillis, long slideMillis, long offsetMillis) {

  /** The kinds of window. */
  public enum Type { TUMBLE, HOP }

  public WindowSpec {
    if (type == Type.TUMBLE && sizeMillis <= 0) {
      throw WeirException.user("TUMBLE window size must be positive, got " + sizeMillis + " ms");
    }
    if (type == Type.HOP) {
      if (slideMillis <= 0 || sizeMillis <= 0) {
        throw WeirException.user("HOP window slide and size must be positive, got slide "
            + slideMillis + " ms and size " + sizeMillis + " ms");
      }
      if (slideMillis > sizeMillis) {
        throw WeirException.user("HOP window slide must not be larger than its size, got slide "
            + slideMillis + " ms and size " + sizeMillis + " ms");
      }
    }
  }

  public static WindowSpec tumble(long sizeMillis) {
    return new WindowSpec(Type.TUMBLE, sizeMillis, sizeMillis, 0);
  }

  public static WindowSpec hop(long slideMillis, long sizeMillis) {
    return new WindowSpec(Type.HOP, sizeMillis, slideMillis, 0);
  }

  @Override
  public String toString() {
    return type == Type.TUMBLE
        ? "TUMBLE(size=" + sizeMillis + "ms)"
        : "HOP(slide=" + slideMillis + "ms, size=" + sizeMillis + "ms)";
  }
}
