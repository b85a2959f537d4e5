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
 * One built-in aggregate function over the slots it owns in an {@link AggState}, with Flink SQL's
 * semantics: add a value, merge another state of the same slots (slices into a window), compute
 * the result, and serialize its slots. Stateless itself; one instance per aggregate call, created
 * by {@link #create}.
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
  abstract void add(AggState s, Object value);

  /** Adds everything {@code source} saw to {@code target}; {@code source} is not changed. */
  abstract void merge(AggState target, AggState source);

  /** The result, as the Java class of the result type. */
  abstract Object result(AggState s);

  abstract void write(AggState s, ByteWriter w);

  /** Reads what {@link #write} wrote into a reset state. */
  abstract void read(ByteReader r, AggState s);

  /** Back to the empty accumulator. */
  void reset(AggState s) {
    for (int i = 0; i < longSlots(); i++) {
      s.longs[longBase + i] = 0;
    }
    for (int i = 0; i < objectSlots(); i++) {
      s.objects[objectBase + i] = null;
    }
  }

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
    void add(AggState s, Object value) {
      if (star || value != null) {
        s.longs[longBase]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      target.longs[longBase] += source.longs[longBase];
    }

    @Override
    Object result(AggState s) {
      return integral(s.longs[longBase], resultType);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase]);
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase] = r.getVarLong();
    }
  }

  // ------------------------------------------------------------------ SUM

  /** SUM with an INT or BIGINT result: a long sum and a count of non-null inputs. */
  static final class SumLong extends AggFunction {
    private final DataType resultType;

    SumLong(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    int longSlots() {
      return 2; // sum, count
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        s.longs[longBase] += ((Number) value).longValue();
        s.longs[longBase + 1]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      target.longs[longBase] += source.longs[longBase];
      target.longs[longBase + 1] += source.longs[longBase + 1];
    }

    @Override
    Object result(AggState s) {
      return s.longs[longBase + 1] == 0 ? null : integral(s.longs[longBase], resultType);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getVarLong();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
    }
  }

  /** SUM with a DOUBLE result: the bits of a double sum and a count of non-null inputs. */
  static final class SumDouble extends AggFunction {
    @Override
    int longSlots() {
      return 2;
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        double sum = Double.longBitsToDouble(s.longs[longBase]) + ((Number) value).doubleValue();
        s.longs[longBase] = Double.doubleToRawLongBits(sum);
        s.longs[longBase + 1]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      if (source.longs[longBase + 1] == 0) {
        return;
      }
      double sum = Double.longBitsToDouble(target.longs[longBase])
          + Double.longBitsToDouble(source.longs[longBase]);
      target.longs[longBase] = Double.doubleToRawLongBits(sum);
      target.longs[longBase + 1] += source.longs[longBase + 1];
    }

    @Override
    Object result(AggState s) {
      return s.longs[longBase + 1] == 0 ? null : Double.longBitsToDouble(s.longs[longBase]);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getVarLong();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
    }
  }

  /** SUM with a FLOAT result, summed in float arithmetic as Flink does. */
  static final class SumFloat extends AggFunction {
    @Override
    int longSlots() {
      return 2;
    }

    @Override
    int objectSlots() {
      return 0;
    }

    private float sum(AggState s) {
      return Float.intBitsToFloat((int) s.longs[longBase]);
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        float sum = sum(s) + ((Number) value).floatValue();
        s.longs[longBase] = Float.floatToRawIntBits(sum);
        s.longs[longBase + 1]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      if (source.longs[longBase + 1] == 0) {
        return;
      }
      target.longs[longBase] = Float.floatToRawIntBits(sum(target) + sum(source));
      target.longs[longBase + 1] += source.longs[longBase + 1];
    }

    @Override
    Object result(AggState s) {
      return s.longs[longBase + 1] == 0 ? null : sum(s);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putInt((int) s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getVarLong();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getInt() : 0;
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
    void add(AggState s, Object value) {
      if (value != null) {
        BigDecimal sum = (BigDecimal) s.objects[objectBase];
        BigDecimal v = toDecimal(value);
        s.objects[objectBase] = sum == null ? v : sum.add(v);
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      BigDecimal src = (BigDecimal) source.objects[objectBase];
      if (src != null) {
        BigDecimal sum = (BigDecimal) target.objects[objectBase];
        target.objects[objectBase] = sum == null ? src : sum.add(src);
      }
    }

    @Override
    Object result(AggState s) {
      BigDecimal sum = (BigDecimal) s.objects[objectBase];
      if (sum == null || resultType.scale() < 0) {
        return sum;
      }
      return sum.setScale(resultType.scale(), RoundingMode.HALF_UP);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      BigDecimal sum = (BigDecimal) s.objects[objectBase];
      w.putByte(sum == null ? 0 : 1);
      if (sum != null) {
        writeDecimal(w, sum);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.objects[objectBase] = r.getByte() == 0 ? null : readDecimal(r);
    }
  }

  // ------------------------------------------------------------------ AVG

  /** AVG with an INT or BIGINT result: long sum / count, truncated (Flink's IntAvg/LongAvg). */
  static final class AvgLong extends AggFunction {
    private final DataType resultType;

    AvgLong(DataType resultType) {
      this.resultType = resultType;
    }

    @Override
    int longSlots() {
      return 2; // sum, count
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        s.longs[longBase] += ((Number) value).longValue();
        s.longs[longBase + 1]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      target.longs[longBase] += source.longs[longBase];
      target.longs[longBase + 1] += source.longs[longBase + 1];
    }

    @Override
    Object result(AggState s) {
      long count = s.longs[longBase + 1];
      return count == 0 ? null : integral(s.longs[longBase] / count, resultType);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getVarLong();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
    }
  }

  /** AVG with a DOUBLE or FLOAT result: double sum / count (Flink's DoubleAvg/FloatAvg). */
  static final class AvgDouble extends AggFunction {
    private final boolean floatResult;

    AvgDouble(DataType resultType) {
      this.floatResult = resultType.kind() == DataType.Kind.FLOAT;
    }

    @Override
    int longSlots() {
      return 2; // bits of the sum, count
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        double sum = Double.longBitsToDouble(s.longs[longBase]) + ((Number) value).doubleValue();
        s.longs[longBase] = Double.doubleToRawLongBits(sum);
        s.longs[longBase + 1]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      if (source.longs[longBase + 1] == 0) {
        return;
      }
      double sum = Double.longBitsToDouble(target.longs[longBase])
          + Double.longBitsToDouble(source.longs[longBase]);
      target.longs[longBase] = Double.doubleToRawLongBits(sum);
      target.longs[longBase + 1] += source.longs[longBase + 1];
    }

    @Override
    Object result(AggState s) {
      long count = s.longs[longBase + 1];
      if (count == 0) {
        return null;
      }
      double avg = Double.longBitsToDouble(s.longs[longBase]) / count;
      return floatResult ? (Object) (float) avg : (Object) avg;
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getVarLong();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
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
    void add(AggState s, Object value) {
      if (value != null) {
        BigDecimal sum = (BigDecimal) s.objects[objectBase];
        BigDecimal v = toDecimal(value);
        s.objects[objectBase] = sum == null ? v : sum.add(v);
        s.longs[longBase]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      BigDecimal src = (BigDecimal) source.objects[objectBase];
      if (src != null) {
        BigDecimal sum = (BigDecimal) target.objects[objectBase];
        target.objects[objectBase] = sum == null ? src : sum.add(src);
        target.longs[longBase] += source.longs[longBase];
      }
    }

    @Override
    Object result(AggState s) {
      long count = s.longs[longBase];
      if (count == 0) {
        return null;
      }
      BigDecimal sum = (BigDecimal) s.objects[objectBase];
      BigDecimal n = BigDecimal.valueOf(count);
      return resultType.scale() >= 0
          ? sum.divide(n, resultType.scale(), RoundingMode.HALF_UP)
          : sum.divide(n, MathContext.DECIMAL128);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putVarLong(s.longs[longBase]);
      if (s.longs[longBase] != 0) {
        writeDecimal(w, (BigDecimal) s.objects[objectBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase] = r.getVarLong();
      s.objects[objectBase] = s.longs[longBase] != 0 ? readDecimal(r) : null;
    }
  }

  // ------------------------------------------------------------------ MIN / MAX

  /** MIN/MAX of INT, BIGINT, TIMESTAMP or BOOLEAN (false < true): a long value and a flag. */
  static final class MinMaxLong extends AggFunction {
    private final boolean max;
    private final DataType type;
    private final boolean bool;

    MinMaxLong(boolean max, DataType type) {
      this.max = max;
      this.type = type;
      this.bool = type.kind() == DataType.Kind.BOOLEAN;
    }

    @Override
    int longSlots() {
      return 2; // value, has-value
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        long v = bool ? (((Boolean) value) ? 1 : 0) : ((Number) value).longValue();
        offer(s, v);
      }
    }

    private void offer(AggState s, long v) {
      long[] l = s.longs;
      if (l[longBase + 1] == 0 || (max ? v > l[longBase] : v < l[longBase])) {
        l[longBase] = v;
        l[longBase + 1] = 1;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      if (source.longs[longBase + 1] != 0) {
        offer(target, source.longs[longBase]);
      }
    }

    @Override
    Object result(AggState s) {
      if (s.longs[longBase + 1] == 0) {
        return null;
      }
      long v = s.longs[longBase];
      return bool ? (Object) (v != 0) : integral(v, type);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putByte((int) s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getByte();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
    }
  }

  /** MIN/MAX of FLOAT or DOUBLE: the bits of a double and a flag. */
  static final class MinMaxDouble extends AggFunction {
    private final boolean max;
    private final boolean floatType;

    MinMaxDouble(boolean max, DataType type) {
      this.max = max;
      this.floatType = type.kind() == DataType.Kind.FLOAT;
    }

    @Override
    int longSlots() {
      return 2;
    }

    @Override
    int objectSlots() {
      return 0;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        offer(s, ((Number) value).doubleValue());
      }
    }

    private void offer(AggState s, double v) {
      long[] l = s.longs;
      double cur = Double.longBitsToDouble(l[longBase]);
      if (l[longBase + 1] == 0 || (max ? v > cur : v < cur)) {
        l[longBase] = Double.doubleToRawLongBits(v);
        l[longBase + 1] = 1;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      if (source.longs[longBase + 1] != 0) {
        offer(target, Double.longBitsToDouble(source.longs[longBase]));
      }
    }

    @Override
    Object result(AggState s) {
      if (s.longs[longBase + 1] == 0) {
        return null;
      }
      double v = Double.longBitsToDouble(s.longs[longBase]);
      return floatType ? (Object) (float) v : (Object) v;
    }

    @Override
    void write(AggState s, ByteWriter w) {
      w.putByte((int) s.longs[longBase + 1]);
      if (s.longs[longBase + 1] != 0) {
        w.putLong(s.longs[longBase]);
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.longs[longBase + 1] = r.getByte();
      s.longs[longBase] = s.longs[longBase + 1] != 0 ? r.getLong() : 0;
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
    void add(AggState s, Object value) {
      if (value != null) {
        Object cur = s.objects[objectBase];
        if (cur == null) {
          s.objects[objectBase] = value;
          return;
        }
        int c = string
            ? compareCodePoints((String) value, (String) cur)
            : ((BigDecimal) value).compareTo((BigDecimal) cur);
        if (max ? c > 0 : c < 0) {
          s.objects[objectBase] = value;
        }
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      add(target, source.objects[objectBase]);
    }

    @Override
    Object result(AggState s) {
      return s.objects[objectBase];
    }

    @Override
    void write(AggState s, ByteWriter w) {
      Object v = s.objects[objectBase];
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
    void read(ByteReader r, AggState s) {
      if (r.getByte() == 0) {
        s.objects[objectBase] = null;
      } else if (string) {
        s.objects[objectBase] =
            new String(r.getLengthPrefixed(), java.nio.charset.StandardCharsets.UTF_8);
      } else {
        s.objects[objectBase] = readDecimal(r);
      }
    }
  }

  // ------------------------------------------------------------------ DISTINCT

  /**
   * {@code f(DISTINCT x)}: a map from each distinct non-null value to how many times the slice saw
   * it. Merging slices adds the counts, so a value seen in several slices of a window counts once;
   * the result runs the plain function over the window's distinct values. Values are normalized
   * so that SQL-equal values are one entry ({@code 1.50 = 1.5}, {@code -0.0 = 0.0}).
   */
  static final class Distinct extends AggFunction {
    private final AggFunction inner;
    private final KeyCodec valueCodec;
    private final boolean count;

    Distinct(AggFunction inner, DataType argType) {
      this.inner = inner; // its slots start at 0 of its own scratch state
      this.valueCodec = KeyCodec.of(argType);
      this.count = inner instanceof Count;
    }

    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, long[]> map(AggState s, boolean create) {
      Map<Object, long[]> m = (Map<Object, long[]>) s.objects[objectBase];
      if (m == null && create) {
        m = new HashMap<>();
        s.objects[objectBase] = m;
      }
      return m;
    }

    @Override
    void add(AggState s, Object value) {
      if (value != null) {
        long[] n = map(s, true).computeIfAbsent(normalize(value), v -> new long[1]);
        n[0]++;
      }
    }

    @Override
    void merge(AggState target, AggState source) {
      Map<Object, long[]> src = map(source, false);
      if (src == null || src.isEmpty()) {
        return;
      }
      Map<Object, long[]> dst = map(target, true);
      for (Map.Entry<Object, long[]> e : src.entrySet()) {
        long[] n = dst.computeIfAbsent(e.getKey(), v -> new long[1]);
        n[0] += e.getValue()[0]; // never share the source's counters
      }
    }

    @Override
    Object result(AggState s) {
      Map<Object, long[]> m = map(s, false);
      if (count) {
        return inner.result(countState(m == null ? 0 : m.size()));
      }
      AggState scratch = new AggState(inner.longSlots(), inner.objectSlots());
      if (m != null) {
        for (Object v : m.keySet()) {
          inner.add(scratch, v);
        }
      }
      return inner.result(scratch);
    }

    private AggState countState(long n) {
      AggState st = new AggState(1, 0);
      st.longs[0] = n;
      return st;
    }

    @Override
    void write(AggState s, ByteWriter w) {
      Map<Object, long[]> m = map(s, false);
      w.putVarLong(m == null ? 0 : m.size());
      if (m != null) {
        for (Map.Entry<Object, long[]> e : m.entrySet()) {
          valueCodec.encodeValue(w, 0, e.getKey());
          w.putVarLong(e.getValue()[0]);
        }
      }
    }

    @Override
    void read(ByteReader r, AggState s) {
      long n = r.getVarLong();
      if (n == 0) {
        s.objects[objectBase] = null;
        return;
      }
      Map<Object, long[]> m = new HashMap<>((int) Math.min(n * 2, 1 << 20));
      for (long i = 0; i < n; i++) {
        Object v = normalize(valueCodec.decodeValue(r, 0));
        m.put(v, new long[] {r.getVarLong()});
      }
      s.objects[objectBase] = m;
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
