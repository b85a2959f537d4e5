package io.weir.engine.state;

import io.weir.engine.data.DataType;
import io.weir.engine.errors.WeirException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An order-preserving binary encoding of a tuple of typed values (a grouping key): comparing two
 * encodings as unsigned bytes ({@link #compare}) orders them as SQL orders the tuples, column by
 * column. That is what lets a store keep keys sorted without decoding them, and lets a window fire
 * its rows in key order straight from a scan.
 *
 * <p>Per value: one byte {@code 0x00} for NULL (so NULL sorts first), else {@code 0x01} followed
 * by
 *
 * <ul>
 *   <li>BOOLEAN: one byte, 0 or 1;
 *   <li>INT: 4 bytes big-endian with the sign bit flipped; BIGINT, TIMESTAMP, TIMESTAMP_LTZ: 8
 *       bytes likewise;
 *   <li>FLOAT, DOUBLE: the IEEE bits big-endian, all bits flipped when negative, else the sign bit
 *       flipped; {@code -0.0} is stored as {@code 0.0} (equal in SQL, so one group) and every NaN
 *       as the canonical NaN (sorting after +Infinity);
 *   <li>DECIMAL: by value, so {@code 1.5} and {@code 1.50} are the same key: a sign byte ({@code
 *       0x01} negative, {@code 0x02} zero, {@code 0x03} positive), then for non-zero values the
 *       decimal exponent {@code e} of {@code 0.d1d2… × 10^e} as a sign-flipped 4-byte integer and
 *       the significant digits without trailing zeros, one byte each ({@code digit + 1}), ended by
 *       {@code 0x00}; for negative values these bytes are inverted;
 *   <li>STRING: its UTF-8 bytes (whose byte order is code point order), each {@code 0x00} escaped
 *       as {@code 0x00 0xFF}, ended by {@code 0x00 0x01};
 *   <li>ARRAY: each element as {@code 0x01} + its encoding, ended by {@code 0x00}.
 * </ul>
 *
 * <p>{@link #decode} gives back equal values; a DECIMAL comes back with its type's scale.
 *
 * <p>Immutable and thread-safe; the {@link ByteWriter} passed in is the caller's. A value whose
 * Java class does not fit its column's {@link DataType} is a bug upstream and throws an INTERNAL
 * {@link WeirException} naming the value and the type.
 */
public final class KeyCodec {

  private static final int NULL = 0x00;
  private static final int NOT_NULL = 0x01;

  private final DataType[] types;

  private KeyCodec(DataType[] types) {
    for (int i = 0; i < types.length; i++) {
      if (types[i] == null) {
        throw WeirException.internal("key column " + i + " has no type", null);
      }
    }
    this.types = types;
  }

  /** A codec for tuples of these column types, in order. */
  public static KeyCodec of(List<DataType> types) {
    return new KeyCodec(types.toArray(new DataType[0]));
  }

  public static KeyCodec of(DataType... types) {
    return new KeyCodec(types.clone());
  }

  public int arity() {
    return types.length;
  }

  public List<DataType> types() {
    return List.of(types);
  }

  /** Unsigned lexicographic order of encodings, which is the order of the tuples. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Encodes {@code values}, one per column. */
  public byte[] encode(Object... values) {
    if (values.length != types.length) {
      throw WeirException.internal("key codec for " + Arrays.toString(types) + " got "
          + values.length + " values: " + Arrays.toString(values), null);
    }
    ByteWriter w = new ByteWriter(16 * types.length + 1);
    for (int i = 0; i < types.length; i++) {
      encodeValue(w, i, values[i]);
    }
    return w.toByteArray();
  }

  /** Encodes {@code row[indexes[i]]} as column {@code i}, for every column. */
  public byte[] encode(Object[] row, int[] indexes, ByteWriter w) {
    w.reset();
    for (int i = 0; i < types.length; i++) {
      encodeValue(w, i, row[indexes[i]]);
    }
    return w.toByteArray();
  }

  /**
   * Encodes {@code row[indexes[i]]} as column {@code i} into {@code w} (reset first), without
   * copying: the encoding is the first {@link ByteWriter#size} bytes of {@link ByteWriter#buffer}.
   */
  public void encodeInto(Object[] row, int[] indexes, ByteWriter w) {
    w.reset();
    for (int i = 0; i < types.length; i++) {
      encodeValue(w, i, row[indexes[i]]);
    }
  }

  /** Appends one value as column {@code column} to {@code w}. */
  public void encodeValue(ByteWriter w, int column, Object value) {
    try {
      write(w, types[column], value);
    } catch (ClassCastException e) {
      throw WeirException.internal("key column " + column + " of type " + types[column]
          + " cannot hold " + describe(value), e);
    }
  }

  /** The values of an encoded tuple. */
  public Object[] decode(byte[] bytes) {
    Object[] out = new Object[types.length];
    decodeInto(bytes, out, 0);
    return out;
  }

  /** Decodes an encoded tuple into {@code target[offset …]}. */
  public void decodeInto(byte[] bytes, Object[] target, int offset) {
    ByteReader r = new ByteReader(bytes);
    for (int i = 0; i < types.length; i++) {
      target[offset + i] = decodeValue(r, i);
    }
    if (r.hasRemaining()) {
      throw WeirException.internal("corrupt key: " + r.remaining() + " bytes left after decoding "
          + Arrays.toString(types), null);
    }
  }

  /** Reads one value of column {@code column} from {@code r}. */
  public Object decodeValue(ByteReader r, int column) {
    return read(r, types[column]);
  }

  // ---------------------------------------------------------------- encoding

  private static void write(ByteWriter w, DataType type, Object v) {
    if (v == null) {
      w.putByte(NULL);
      return;
    }
    w.putByte(NOT_NULL);
    switch (type.kind()) {
      case BOOLEAN -> w.putByte(((Boolean) v) ? 1 : 0);
      case INT -> w.putInt(((Number) v).intValue() ^ Integer.MIN_VALUE);
      case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> w.putLong(((Number) v).longValue() ^ Long.MIN_VALUE);
      case FLOAT -> {
        float f = ((Number) v).floatValue();
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        w.putInt(bits ^ ((bits >> 31) | Integer.MIN_VALUE));
      }
      case DOUBLE -> {
        double d = ((Number) v).doubleValue();
        long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        w.putLong(bits ^ ((bits >> 63) | Long.MIN_VALUE));
      }
      case DECIMAL -> writeDecimal(w, (BigDecimal) v);
      case STRING -> writeString(w, (String) v);
      case ARRAY -> {
        for (Object element : (List<?>) v) {
          w.putByte(0x01);
          write(w, type.elementType(), element);
        }
        w.putByte(0x00);
      }
      default -> throw WeirException.internal("no key encoding for type " + type, null);
    }
  }

  private static void writeString(ByteWriter w, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int from = 0;
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == 0) {
        w.putBytes(utf8, from, i - from);
        w.putByte(0x00).putByte(0xFF);
        from = i + 1;
      }
    }
    w.putBytes(utf8, from, utf8.length - from);
    w.putByte(0x00).putByte(0x01);
  }

  private static void writeDecimal(ByteWriter w, BigDecimal d) {
    int sign = d.signum();
    if (sign == 0) {
      w.putByte(0x02);
      return;
    }
    BigDecimal stripped = d.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    // value = 0.digits × 10^exponent
    long exponent = (long) digits.length() - stripped.scale();
    if (exponent > Integer.MAX_VALUE || exponent < Integer.MIN_VALUE) {
      throw WeirException.internal("decimal " + d + " is out of the key encoding's range", null);
    }
    int mask = sign < 0 ? 0xFF : 0x00;
    w.putByte(sign < 0 ? 0x01 : 0x03);
    int e = ((int) exponent) ^ Integer.MIN_VALUE;
    w.putByte(((e >>> 24) & 0xFF) ^ mask);
    w.putByte(((e >>> 16) & 0xFF) ^ mask);
    w.putByte(((e >>> 8) & 0xFF) ^ mask);
    w.putByte((e & 0xFF) ^ mask);
    for (int i = 0; i < digits.length(); i++) {
      w.putByte((digits.charAt(i) - '0' + 1) ^ mask);
    }
    w.putByte(mask);
  }

  // ---------------------------------------------------------------- decoding

  private static Object read(ByteReader r, DataType type) {
    int marker = r.getByte();
    if (marker == NULL) {
      return null;
    }
    if (marker != NOT_NULL) {
      throw WeirException.internal("corrupt key: null marker " + marker + " for " + type, null);
    }
    return switch (type.kind()) {
      case BOOLEAN -> r.getByte() != 0;
      case INT -> r.getInt() ^ Integer.MIN_VALUE;
      case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> r.getLong() ^ Long.MIN_VALUE;
      case FLOAT -> {
        int bits = r.getInt();
        bits = bits < 0 ? bits ^ Integer.MIN_VALUE : ~bits;
        yield Float.intBitsToFloat(bits);
      }
      case DOUBLE -> {
        long bits = r.getLong();
        bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
        yield Double.longBitsToDouble(bits);
      }
      case DECIMAL -> readDecimal(r, type.scale());
      case STRING -> readString(r);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (r.getByte() == 0x01) {
          list.add(read(r, type.elementType()));
        }
        yield list;
      }
    };
  }

  private static String readString(ByteReader r) {
    ByteWriter out = new ByteWriter(32);
    while (true) {
      int b = r.getByte();
      if (b != 0) {
        out.putByte(b);
        continue;
      }
      int next = r.getByte();
      if (next == 0x01) {
        break;
      }
      if (next != 0xFF) {
        throw WeirException.internal("corrupt key: bad string escape 0x00 0x"
            + Integer.toHexString(next), null);
      }
      out.putByte(0);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static BigDecimal readDecimal(ByteReader r, int typeScale) {
    int sign = r.getByte();
    BigDecimal value;
    if (sign == 0x02) {
      value = BigDecimal.ZERO;
    } else if (sign == 0x01 || sign == 0x03) {
      int mask = sign == 0x01 ? 0xFF : 0x00;
      int e = 0;
      for (int i = 0; i < 4; i++) {
        e = (e << 8) | (r.getByte() ^ mask);
      }
      int exponent = e ^ Integer.MIN_VALUE;
      StringBuilder digits = new StringBuilder();
      while (true) {
        int b = r.getByte() ^ mask;
        if (b == 0) {
          break;
        }
        digits.append((char) ('0' + b - 1));
      }
      BigInteger unscaled = new BigInteger(digits.toString());
      value = new BigDecimal(sign == 0x01 ? unscaled.negate() : unscaled,
          digits.length() - exponent);
    } else {
      throw WeirException.internal("corrupt key: decimal sign byte " + sign, null);
    }
    if (typeScale >= 0 && value.scale() <= typeScale) {
      value = value.setScale(typeScale);
    }
    return value;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v + " (" + v.getClass().getName() + ")";
  }
}
