package io.weir.engine.connectors.gen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces the values of one generated column. Every random generator owns a {@link
 * SplittableRandom} seeded from the column's position, so two readers of the same table produce
 * the same values. Not thread-safe; built once per reader, every option already resolved.
 */
abstract class FieldGenerator {
  /** The next value, of the Java class {@link io.weir.engine.data.DataType} fixes. */
  abstract Object next();

  /** Makes every value null with the given probability (the column's {@code null-rate}). */
  static FieldGenerator withNullRate(FieldGenerator inner, double rate, long seed) {
    return rate <= 0 ? inner : new Nulls(inner, rate, seed);
  }

  private static final class Nulls extends FieldGenerator {
    private final FieldGenerator inner;
    private final double rate;
    private final SplittableRandom random;

    Nulls(FieldGenerator inner, double rate, long seed) {
      this.inner = inner;
      this.rate = rate;
      this.random = new SplittableRandom(seed ^ 0x6E756C6C5F726174L);
    }

    @Override
    Object next() {
      Object v = inner.next(); // always advances, so a sequence still ends where it should
      return random.nextDouble() < rate ? null : v;
    }
  }

  // ---- random ----------------------------------------------------------------------------

  static final class RandomBoolean extends FieldGenerator {
    private final SplittableRandom random;

    RandomBoolean(long seed) {
      random = new SplittableRandom(seed);
    }

    @Override
    Object next() {
      return random.nextBoolean();
    }
  }

  /** Uniform in [min, max], both inclusive. */
  static final class RandomLong extends FieldGenerator {
    private final SplittableRandom random;
    private final long min;
    private final long max;
    private final long span;

    RandomLong(long seed, long min, long max) {
      this.random = new SplittableRandom(seed);
      this.min = min;
      this.max = max;
      this.span = max - min + 1; // 0: the whole range; negative: more than half of it
    }

    long nextLong() {
      if (span > 0) {
        return min + random.nextLong(span);
      }
      if (span == 0) {
        return random.nextLong();
      }
      long v;
      do {
        v = random.nextLong();
      } while (v < min || v > max);
      return v;
    }

    @Override
    Object next() {
      return nextLong();
    }
  }

  static final class RandomInt extends FieldGenerator {
    private final RandomLong longs;

    RandomInt(long seed, int min, int max) {
      longs = new RandomLong(seed, min, max);
    }

    @Override
    Object next() {
      return (int) longs.nextLong();
    }
  }

  /** Uniform in [min, max]. */
  static final class RandomDouble extends FieldGenerator {
    private final SplittableRandom random;
    private final double min;
    private final double max;
    private final boolean asFloat;

    RandomDouble(long seed, double min, double max, boolean asFloat) {
      this.random = new SplittableRandom(seed);
      this.min = min;
      this.max = max;
      this.asFloat = asFloat;
    }

    double nextDouble() {
      double r = random.nextDouble();
      // min + r * (max - min) without overflowing when the range spans the whole type
      double v = min * (1 - r) + max * r;
      return Math.max(min, Math.min(max, v));
    }

    @Override
    Object next() {
      double v = nextDouble();
      if (asFloat) {
        float f = (float) v;
        return Math.max((float) min, Math.min((float) max, f));
      }
      return v;
    }
  }

  /** Uniform in [min, max], cut (not rounded) to the scale, as Flink's generator does. */
  static final class RandomDecimal extends FieldGenerator {
    private final RandomDouble doubles;
    private final int scale;

    RandomDecimal(long seed, double min, double max, int scale) {
      this.doubles = new RandomDouble(seed, min, max, false);
      this.scale = scale;
    }

    @Override
    Object next() {
      return new BigDecimal(doubles.nextDouble()).setScale(scale, RoundingMode.DOWN);
    }
  }

  /** Lower-case hex text of {@code length} characters, or 1..length with {@code var-len}. */
  static final class RandomString extends FieldGenerator {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final SplittableRandom random;
    private final int length;
    private final boolean varLen;
    private final byte[] buf;

    RandomString(long seed, int length, boolean varLen) {
      this.random = new SplittableRandom(seed);
      this.length = length;
      this.varLen = varLen;
      this.buf = new byte[length];
    }

    @Override
    Object next() {
      int n = varLen && length > 1 ? 1 + random.nextInt(length) : length;
      long bits = 0;
      for (int i = 0; i < n; i++) {
        if ((i & 15) == 0) {
          bits = random.nextLong();
        }
        buf[i] = HEX[(int) (bits & 15)];
        bits >>>= 4;
      }
      return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  /** The current time, minus a random amount up to {@code max-past} milliseconds. */
  static final class RandomTimestamp extends FieldGenerator {
    private final SplittableRandom random;
    private final long maxPast;

    RandomTimestamp(long seed, long maxPast) {
      this.random = new SplittableRandom(seed);
      this.maxPast = maxPast;
    }

    @Override
    Object next() {
      long now = System.currentTimeMillis();
      return maxPast > 0 ? now - random.nextLong(maxPast + 1) : now;
    }
  }

  static final class RandomArray extends FieldGenerator {
    private final FieldGenerator element;
    private final int length;

    RandomArray(FieldGenerator element, int length) {
      this.element = element;
      this.length = length;
    }

    @Override
    Object next() {
      List<Object> list = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        list.add(element.next());
      }
      return list;
    }
  }

  // ---- sequences: start, start + 1, …, end; the reader stops after end ---------------------

  static final class LongSequence extends FieldGenerator {
    private long next;

    LongSequence(long start) {
      next = start;
    }

    @Override
    Object next() {
      return next++;
    }
  }

  static final class IntSequence extends FieldGenerator {
    private int next;

    IntSequence(int start) {
      next = start;
    }

    @Override
    Object next() {
      return next++;
    }
  }

  static final class DoubleSequence extends FieldGenerator {
    private long next;
    private final boolean asFloat;

    DoubleSequence(long start, boolean asFloat) {
      next = start;
      this.asFloat = asFloat;
    }

    @Override
    Object next() {
      long v = next++;
      return asFloat ? (Object) (float) v : (Object) (double) v;
    }
  }

  static final class DecimalSequence extends FieldGenerator {
    private long next;
    private final int scale;

    DecimalSequence(long start, int scale) {
      next = start;
      this.scale = scale;
    }

    @Override
    Object next() {
      return BigDecimal.valueOf(next++).setScale(Math.max(scale, 0));
    }
  }

  static final class StringSequence extends FieldGenerator {
    private long next;

    StringSequence(long start) {
      next = start;
    }

    @Override
    Object next() {
      return Long.toString(next++);
    }
  }
}
