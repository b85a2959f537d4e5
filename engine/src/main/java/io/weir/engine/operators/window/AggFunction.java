package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.state.ByteReader;
import io.weir.engine.state.ByteWriter;
import io.weir.engine.state.KeyCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * One built-in aggregate function over the slots it owns in an accumulator entry, with Flink SQL's
 * semantics: add a value, merge another entry of the same layout (slices into a window), compute
 * the result, and serialize its slots. Stateless itself; one instance per aggregate call, created
 * by {@link #create}.
 *
 * <p><b>Layout.</b> Entries live in flat arrays shared by many entries (see {@link AccTable}): an
 * entry is {@code (long[] l, int lo)} plus {@code (Object[] o, int oo)}, its first long and object
 * slot; this function's slots start {@link #longBase} and {@link #objectBase} further on. Counts,
 * sums, bits of doubles and flags are plain {@code long}s, so adding a row allocates nothing;
 * objects hold only what needs them (decimals, strings, distinct-value maps).
 *
 * <p><b>Retraction.</b> A function is {@link #invertible} when {@link #retract} removes exactly
 * what a {@link #merge} of the same source added, bit for bit (COUNT and the long SUM/AVG: long
 * arithmetic wraps, so even overflow cancels out). Sliding windows use it to go from one window
 * to the next by adding the newest slice and retracting the oldest. A function is {@link
 * #orderFree} when merging sources in any grouping gives the same bits (everything but the
 * floating-point sums and averages, and DISTINCT, which is merely costly to regroup).
 *
 * <p>Results follow Flink: NULL inputs are ignored; SUM, AVG, MIN and MAX of no non-null value are
 * NULL, COUNT is 0; SUM keeps the result type's arithmetic (INT wraps like Java {@code int});
 * AVG of INT/BIGINT is the integer division of the sum by the count, of FLOAT/DOUBLE a double
 * division, of DECIMAL a division rounded half-up to the result scale; MIN/MAX of strings compare
 * code points (Flink compares UTF-8 bytes, which is the same order).
 */
abstract class AggFunction {

  /** First long slot of this function in the state. */
  int longBase;
  /** First object slot of this function in the state. */
  int objectBase;

  abstract int longSlots();

  abstract int objectSlots();

  /** Adds one input value ({@code null} for COUNT(*), which counts rows). */
  abstract void add(long[] l, int lo, Object[] o, int oo, Object value);

  /** Adds everything the source entry saw to the target entry; the source is not changed. */
  abstract void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so,
      int soo);

  /** Whether {@link #retract} exactly undoes a {@link #merge}. */
  boolean invertible() {
    return false;
  }

  /** Whether merges in any grouping and order give the same result, bit for bit. */
  boolean orderFree() {
    return true;
  }

  /**
   * Removes what a {@link #merge} of the source entry added to the target entry. Only for
   * {@link #invertible} functions.
   */
  void retract(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
    throw WeirException.internal(getClass().getSimpleName() + " cannot retract", null);
  }

  /** The result, as the Java class of the result type. */
  abstract Object result(long[] l, int lo, Object[] o, int oo);

  abstract void write(long[] l, int lo, Object[] o, int oo, ByteWriter w);

  /** Reads what {@link #write} wrote into a reset entry. */
  abstract void read(ByteReader r, long[] l, int lo, Object[] o, int oo);

  /**
   * The function of one aggregate call.
   *
   * @param argType the type of the argument column, null for COUNT(*)
   * @throws WeirException INTERNAL when the planner asked for a combination the runtime lacks
   */
  static AggFunction create(AggCallSpec call, DataType argType) {
    DataType result = call.resultType();
    if (result == null) {
      throw WeirException.internal("aggregate call " + call + " has no result type", null);
    }
    if (call.argIndex() < 0 && (call.kind() != AggCallSpec.Kind.COUNT || call.distinct())) {
      throw WeirException.internal("aggregate call " + call + " needs an argument", null);
    }
    AggFunction f = switch (call.kind()) {
      case UDAF, COLLECT -> throw WeirException.internal("aggregate call " + call
          + " needs its user function (Accumulators binds it)", null);
      case COUNT -> new Count(call.argIndex() < 0, result);
      case SUM -> switch (result.kind()) {
        case INT, BIGINT -> new SumLong(result);
        case DOUBLE -> new SumDouble();
        case FLOAT -> new SumFloat();
        case DECIMAL -> new SumDecimal(result);
        default -> throw unsupported(call, argType);
      };
      case AVG -> switch (result.kind()) {
        case INT, BIGINT -> new AvgLong(result);
        case DOUBLE, FLOAT -> new AvgDouble(result);
        case DECIMAL -> new AvgDecimal(result);
        default -> throw unsupported(call, argType);
      };
      case MIN, MAX -> {
        boolean max = call.kind() == AggCallSpec.Kind.MAX;
        DataType t = argType != null ? argType : result;
        yield switch (t.kind()) {
          case INT, BIGINT, TIMESTAMP, TIMESTAMP_LTZ, BOOLEAN -> new MinMaxLong(max, t);
          case FLOAT, DOUBLE -> new MinMaxDouble(max, t);
          case DECIMAL, STRING -> new MinMaxObject(max, t);
          default -> throw unsupported(call, argType);
        };
      }
    };
    boolean minMax = call.kind() == AggCallSpec.Kind.MIN || call.kind() == AggCallSpec.Kind.MAX;
    if (call.distinct() && !minMax) {
      // MIN/MAX(DISTINCT x) is MIN/MAX(x).
      if (argType == null) {
        throw WeirException.internal("aggregate call " + call + " has no argument type", null);
      }
      return new Distinct(f, argType);
    }
    return f;
  }

  private static WeirException unsupported(AggCallSpec call, DataType argType) {
    return WeirException.internal("aggregate " + call + " of " + argType + " with result type "
        + call.resultType() + " is not supported by the window aggregation", null);
  }

  /** A whole number as the Java class of {@code type}. */
  static Object integral(long v, DataType type) {
    return switch (type.kind()) {
      case INT -> (int) v;
      case DOUBLE -> (double) v;
      case FLOAT -> (float) v;
      case DECIMAL -> type.scale() >= 0
          ? BigDecimal.valueOf(v).setScale(type.scale()) : BigDecimal.valueOf(v);
      default -> v;
    };
  }

  static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    return BigDecimal.valueOf(((Number) v).longValue());
  }

  static void writeDecimal(ByteWriter w, BigDecimal d) {
    w.putLengthPrefixed(d.unscaledValue().toByteArray());
    w.putInt(d.scale());
  }

  static BigDecimal readDecimal(ByteReader r) {
    BigInteger unscaled = new BigInteger(r.getLengthPrefixed());
    return new BigDecimal(unscaled, r.getInt());
  }

  /** SQL code point order of strings (Java's compareTo orders UTF-16 units, which differs). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char c1 = a.charAt(i);
      char c2 = b.charAt(i);
      if (c1 != c2) {
        boolean s1 = Character.isSurrogate(c1);
        boolean s2 = Character.isSurrogate(c2);
        if (s1 == s2) {
          return c1 - c2;
        }
        return s1 ? 1 : -1; // a supplementary code point is above every BMP character
      }
    }
    return a.length() - b.length();
  }

  // ------------------------------------------------------------------ COUNT

  /** COUNT(*) (counts rows) or COUNT(x) (counts non-null x). */
  static final class Count extends AggFunction {
    private final boolean star;
    private final DataType resultType;

    Count(boolean star, DataType resultType) {
      this.star = star;
      this.resultType = resultType;
    }

    @Override
    int longSlots() {
      return 1;
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (star || value != null) {
        l[lo + longBase]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      l[lo + longBase] += sl[slo + longBase];
    }

    @Override
    boolean invertible() {
      return true;
    }

    @Override
    void retract(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      l[lo + longBase] -= sl[slo + longBase];
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      return integral(l[lo + longBase], resultType);
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      w.putVarLong(l[lo + longBase]);
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      l[lo + longBase] = r.getVarLong();
    }
  }

  // ------------------------------------------------------------------ SUM

  /**
   * The two long slots most functions keep: a value and a count of non-null inputs (MIN and MAX:
   * a has-value flag, 0 or 1), the count written as a varint — one byte for a flag.
   */
  abstract static class ValueAndCount extends AggFunction {
    @Override
    int longSlots() {
      return 2;
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      int i = lo + longBase;
      w.putVarLong(l[i + 1]);
      if (l[i + 1] != 0) {
        w.putLong(l[i]);
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      l[i + 1] = r.getVarLong();
      l[i] = l[i + 1] != 0 ? r.getLong() : 0;
    }
  }

  /** A long sum and a count of non-null inputs: SUM and AVG with an INT or BIGINT result. */
  abstract static class LongSumAndCount extends ValueAndCount {
    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int i = lo + longBase;
        l[i] += ((Number) value).longValue();
        l[i + 1]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int i = lo + longBase;
      int j = slo + longBase;
      l[i] += sl[j];
      l[i + 1] += sl[j + 1];
    }

    @Override
    boolean invertible() {
      return true;
    }

    @Override
    void retract(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int i = lo + longBase;
      int j = slo + longBase;
      l[i] -= sl[j];
      l[i + 1] -= sl[j + 1];
    }
  }

  /** SUM with an INT or BIGINT result: a long sum and a count of non-null inputs. */
  static final class SumLong extends LongSumAndCount {
    private final DataType resultType;

    SumLong(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      return l[i + 1] == 0 ? null : integral(l[i], resultType);
    }
  }

  /** A double sum (its bits) and a count of non-null inputs: SUM and AVG of DOUBLE results. */
  abstract static class DoubleSumAndCount extends ValueAndCount {
    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int i = lo + longBase;
        double sum = Double.longBitsToDouble(l[i]) + ((Number) value).doubleValue();
        l[i] = Double.doubleToRawLongBits(sum);
        l[i + 1]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int i = lo + longBase;
      int j = slo + longBase;
      if (sl[j + 1] == 0) {
        return;
      }
      double sum = Double.longBitsToDouble(l[i]) + Double.longBitsToDouble(sl[j]);
      l[i] = Double.doubleToRawLongBits(sum);
      l[i + 1] += sl[j + 1];
    }

    @Override
    boolean orderFree() {
      return false; // floating-point addition is not associative
    }
  }

  /** SUM with a DOUBLE result. */
  static final class SumDouble extends DoubleSumAndCount {
    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      return l[i + 1] == 0 ? null : Double.longBitsToDouble(l[i]);
    }
  }

  /** SUM with a FLOAT result, summed in float arithmetic as Flink does. */
  static final class SumFloat extends ValueAndCount {
    @Override
    boolean orderFree() {
      return false;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int i = lo + longBase;
        float sum = Float.intBitsToFloat((int) l[i]) + ((Number) value).floatValue();
        l[i] = Float.floatToRawIntBits(sum);
        l[i + 1]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int i = lo + longBase;
      int j = slo + longBase;
      if (sl[j + 1] == 0) {
        return;
      }
      float sum = Float.intBitsToFloat((int) l[i]) + Float.intBitsToFloat((int) sl[j]);
      l[i] = Float.floatToRawIntBits(sum);
      l[i + 1] += sl[j + 1];
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      return l[i + 1] == 0 ? null : Float.intBitsToFloat((int) l[i]);
    }
  }

  /** SUM with a DECIMAL result: an exact {@link BigDecimal}, set to the result scale at the end. */
  static final class SumDecimal extends AggFunction {
    private final DataType resultType;

    SumDecimal(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1; // the sum, null until the first non-null input
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int j = oo + objectBase;
        BigDecimal sum = (BigDecimal) o[j];
        BigDecimal v = toDecimal(value);
        o[j] = sum == null ? v : sum.add(v);
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      BigDecimal src = (BigDecimal) so[soo + objectBase];
      if (src != null) {
        int j = oo + objectBase;
        BigDecimal sum = (BigDecimal) o[j];
        o[j] = sum == null ? src : sum.add(src);
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      BigDecimal sum = (BigDecimal) o[oo + objectBase];
      if (sum == null || resultType.scale() < 0) {
        return sum;
      }
      return sum.setScale(resultType.scale(), RoundingMode.HALF_UP);
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      BigDecimal sum = (BigDecimal) o[oo + objectBase];
      w.putByte(sum == null ? 0 : 1);
      if (sum != null) {
        writeDecimal(w, sum);
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      o[oo + objectBase] = r.getByte() == 0 ? null : readDecimal(r);
    }
  }

  // ------------------------------------------------------------------ AVG

  /** AVG with an INT or BIGINT result: long sum / count, truncated (Flink's IntAvg/LongAvg). */
  static final class AvgLong extends LongSumAndCount {
    private final DataType resultType;

    AvgLong(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      long count = l[i + 1];
      return count == 0 ? null : integral(l[i] / count, resultType);
    }
  }

  /** AVG with a DOUBLE or FLOAT result: double sum / count (Flink's DoubleAvg/FloatAvg). */
  static final class AvgDouble extends DoubleSumAndCount {
    private final boolean floatResult;

    AvgDouble(DataType resultType) {
      this.floatResult = resultType.kind() == DataType.Kind.FLOAT;
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      long count = l[i + 1];
      if (count == 0) {
        return null;
      }
      double avg = Double.longBitsToDouble(l[i]) / count;
      return floatResult ? (Object) (float) avg : (Object) avg;
    }
  }

  /** AVG with a DECIMAL result: exact sum / count, rounded half-up to the result scale. */
  static final class AvgDecimal extends AggFunction {
    private final DataType resultType;

    AvgDecimal(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    int longSlots() {
      return 1; // count
    }

    @Override
    int objectSlots() {
      return 1; // sum
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int j = oo + objectBase;
        BigDecimal sum = (BigDecimal) o[j];
        BigDecimal v = toDecimal(value);
        o[j] = sum == null ? v : sum.add(v);
        l[lo + longBase]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      BigDecimal src = (BigDecimal) so[soo + objectBase];
      if (src != null) {
        int j = oo + objectBase;
        BigDecimal sum = (BigDecimal) o[j];
        o[j] = sum == null ? src : sum.add(src);
        l[lo + longBase] += sl[slo + longBase];
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      long count = l[lo + longBase];
      if (count == 0) {
        return null;
      }
      BigDecimal sum = (BigDecimal) o[oo + objectBase];
      BigDecimal n = BigDecimal.valueOf(count);
      return resultType.scale() >= 0
          ? sum.divide(n, resultType.scale(), RoundingMode.HALF_UP)
          : sum.divide(n, MathContext.DECIMAL128);
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      long count = l[lo + longBase];
      w.putVarLong(count);
      if (count != 0) {
        writeDecimal(w, (BigDecimal) o[oo + objectBase]);
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      long count = r.getVarLong();
      l[lo + longBase] = count;
      o[oo + objectBase] = count != 0 ? readDecimal(r) : null;
    }
  }

  // ------------------------------------------------------------------ MIN / MAX

  /** MIN/MAX of INT, BIGINT, TIMESTAMP or BOOLEAN (false < true): a long value and a flag. */
  static final class MinMaxLong extends ValueAndCount {
    private final boolean max;
    private final DataType type;
    private final boolean bool;

    MinMaxLong(boolean max, DataType type) {
      this.max = max;
      this.type = type;
      this.bool = type.kind() == DataType.Kind.BOOLEAN;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        long v = bool ? (((Boolean) value) ? 1 : 0) : ((Number) value).longValue();
        offer(l, lo + longBase, v);
      }
    }

    private void offer(long[] l, int i, long v) {
      if (l[i + 1] == 0 || (max ? v > l[i] : v < l[i])) {
        l[i] = v;
        l[i + 1] = 1;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int j = slo + longBase;
      if (sl[j + 1] != 0) {
        offer(l, lo + longBase, sl[j]);
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      if (l[i + 1] == 0) {
        return null;
      }
      long v = l[i];
      return bool ? (Object) (v != 0) : integral(v, type);
    }
  }

  /** MIN/MAX of FLOAT or DOUBLE: the bits of a double and a flag. */
  static final class MinMaxDouble extends ValueAndCount {
    private final boolean max;
    private final boolean floatType;

    MinMaxDouble(boolean max, DataType type) {
      this.max = max;
      this.floatType = type.kind() == DataType.Kind.FLOAT;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        offer(l, lo + longBase, ((Number) value).doubleValue());
      }
    }

    private void offer(long[] l, int i, double v) {
      double cur = Double.longBitsToDouble(l[i]);
      if (l[i + 1] == 0 || (max ? v > cur : v < cur)) {
        l[i] = Double.doubleToRawLongBits(v);
        l[i + 1] = 1;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      int j = slo + longBase;
      if (sl[j + 1] != 0) {
        offer(l, lo + longBase, Double.longBitsToDouble(sl[j]));
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      int i = lo + longBase;
      if (l[i + 1] == 0) {
        return null;
      }
      double v = Double.longBitsToDouble(l[i]);
      return floatType ? (Object) (float) v : (Object) v;
    }
  }

  /** MIN/MAX of DECIMAL (by value) or STRING (by code point). */
  static final class MinMaxObject extends AggFunction {
    private final boolean max;
    private final boolean string;

    MinMaxObject(boolean max, DataType type) {
      this.max = max;
      this.string = type.kind() == DataType.Kind.STRING;
    }

    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        int j = oo + objectBase;
        Object cur = o[j];
        if (cur == null) {
          o[j] = value;
          return;
        }
        int c = string
            ? compareCodePoints((String) value, (String) cur)
            : ((BigDecimal) value).compareTo((BigDecimal) cur);
        if (max ? c > 0 : c < 0) {
          o[j] = value;
        }
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      add(l, lo, o, oo, so[soo + objectBase]);
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      return o[oo + objectBase];
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      Object v = o[oo + objectBase];
      w.putByte(v == null ? 0 : 1);
      if (v != null) {
        if (string) {
          w.putLengthPrefixed(((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
          writeDecimal(w, (BigDecimal) v);
        }
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      int j = oo + objectBase;
      if (r.getByte() == 0) {
        o[j] = null;
      } else if (string) {
        o[j] = new String(r.getLengthPrefixed(), java.nio.charset.StandardCharsets.UTF_8);
      } else {
        o[j] = readDecimal(r);
      }
    }
  }

  // ------------------------------------------------------------------ DISTINCT

  /**
   * One object slot holding the function's own state — a map, a list, a UDF's accumulator — whose
   * merge depends on the order of the slices.
   */
  abstract static class ObjectState extends AggFunction {
    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1;
    }

    @Override
    boolean orderFree() {
      return false;
    }
  }

  /**
   * {@code f(DISTINCT x)}: a map from each distinct non-null value to how many times the slice saw
   * it. Merging slices adds the counts, so a value seen in several slices of a window counts once;
   * the result runs the plain function over the window's distinct values. Values are normalized
   * so that SQL-equal values are one entry ({@code 1.50 = 1.5}, {@code -0.0 = 0.0}). Not {@link
   * #orderFree}: regrouping copies whole maps, so windows merge their slices once, in order.
   */
  static final class Distinct extends ObjectState {
    private final AggFunction inner;
    private final KeyCodec valueCodec;
    private final boolean count;

    Distinct(AggFunction inner, DataType argType) {
      this.inner = inner; // its slots start at 0 of its own scratch entry
      this.valueCodec = KeyCodec.of(argType);
      this.count = inner instanceof Count;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, long[]> map(Object[] o, int oo, boolean create) {
      int j = oo + objectBase;
      Map<Object, long[]> m = (Map<Object, long[]>) o[j];
      if (m == null && create) {
        m = new HashMap<>();
        o[j] = m;
      }
      return m;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      if (value != null) {
        long[] n = map(o, oo, true).computeIfAbsent(normalize(value), v -> new long[1]);
        n[0]++;
      }
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      Map<Object, long[]> src = map(so, soo, false);
      if (src == null || src.isEmpty()) {
        return;
      }
      Map<Object, long[]> dst = map(o, oo, true);
      for (Map.Entry<Object, long[]> e : src.entrySet()) {
        long[] n = dst.computeIfAbsent(e.getKey(), v -> new long[1]);
        n[0] += e.getValue()[0]; // never share the source's counters
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      Map<Object, long[]> m = map(o, oo, false);
      long[] longs = new long[inner.longSlots()];
      Object[] objects = new Object[inner.objectSlots()];
      if (count) {
        longs[0] = m == null ? 0 : m.size();
      } else if (m != null) {
        for (Object v : m.keySet()) {
          inner.add(longs, 0, objects, 0, v);
        }
      }
      return inner.result(longs, 0, objects, 0);
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      Map<Object, long[]> m = map(o, oo, false);
      w.putVarLong(m == null ? 0 : m.size());
      if (m != null) {
        for (Map.Entry<Object, long[]> e : m.entrySet()) {
          valueCodec.encodeValue(w, 0, e.getKey());
          w.putVarLong(e.getValue()[0]);
        }
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      long n = r.getVarLong();
      int j = oo + objectBase;
      if (n == 0) {
        o[j] = null;
        return;
      }
      Map<Object, long[]> m = new HashMap<>((int) Math.min(n * 2, 1 << 20));
      for (long i = 0; i < n; i++) {
        Object v = normalize(valueCodec.decodeValue(r, 0));
        m.put(v, new long[] {r.getVarLong()});
      }
      o[j] = m;
    }

    private static Object normalize(Object v) {
      if (v instanceof BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      }
      if (v instanceof Double d && d == 0.0) {
        return 0.0;
      }
      if (v instanceof Float f && f == 0.0f) {
        return 0.0f;
      }
      return v;
    }
  }
}
