package io.weir.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.errors.WeirException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

  /** Sorts the values by their encodings and checks that matches {@code expected} order. */
  private static void assertOrderPreserved(DataType type, List<Object> ascending,
      Comparator<Object> sqlOrder) {
    KeyCodec codec = KeyCodec.of(type);
    List<Object> shuffled = new ArrayList<>(ascending);
    java.util.Collections.shuffle(shuffled, new Random(7));
    shuffled.sort((a, b) -> KeyCodec.compare(codec.encode(a), codec.encode(b)));
    List<Object> expected = new ArrayList<>(ascending);
    Comparator<Object> order = Comparator.nullsFirst(sqlOrder);
    expected.sort(order);
    for (int i = 0; i < expected.size(); i++) {
      // Equal in SQL is enough (1.5 and 1.50 may come in either order).
      assertEquals(0, order.compare(expected.get(i), shuffled.get(i)),
          type + " at " + i + ": expected " + expected.get(i) + " got " + shuffled.get(i));
    }
    for (Object v : ascending) {
      Object back = codec.decode(codec.encode(v))[0];
      if (v instanceof BigDecimal d) {
        assertEquals(0, d.compareTo((BigDecimal) back), v + " -> " + back);
      } else {
        assertEquals(v, back, type + " round trip");
      }
    }
  }

  @Test
  void integersOrderWithNullsFirst() {
    assertOrderPreserved(DataType.of(Kind.INT),
        Arrays.asList(null, Integer.MIN_VALUE, -100, -1, 0, 1, 255, 256, Integer.MAX_VALUE),
        Comparator.comparing(o -> (Integer) o));
    assertOrderPreserved(DataType.of(Kind.BIGINT),
        Arrays.asList(null, Long.MIN_VALUE, -1L << 40, -1L, 0L, 1L, 1L << 40, Long.MAX_VALUE),
        Comparator.comparing(o -> (Long) o));
    assertOrderPreserved(DataType.of(Kind.TIMESTAMP_LTZ),
        Arrays.asList(null, -62_135_596_800_000L, -1L, 0L, 1_700_000_000_000L),
        Comparator.comparing(o -> (Long) o));
  }

  @Test
  void floatingPointOrdersNumericallyAndMergesSignedZero() {
    assertOrderPreserved(DataType.of(Kind.DOUBLE),
        Arrays.asList(null, Double.NEGATIVE_INFINITY, -1e300, -2.5, -Double.MIN_VALUE, 0.0,
            Double.MIN_VALUE, 1.0, 2.5, 1e300, Double.POSITIVE_INFINITY, Double.NaN),
        Comparator.comparing(o -> (Double) o));
    assertOrderPreserved(DataType.of(Kind.FLOAT),
        Arrays.asList(null, Float.NEGATIVE_INFINITY, -3.5f, -1f, 0f, 1f, 3.5f, Float.MAX_VALUE),
        Comparator.comparing(o -> (Float) o));
    KeyCodec codec = KeyCodec.of(DataType.of(Kind.DOUBLE));
    assertArrayEquals(codec.encode(0.0), codec.encode(-0.0));
  }

  @Test
  void decimalsOrderByValueAndEqualValuesEncodeEqually() {
    DataType type = DataType.decimal(20, 3);
    List<Object> values = Arrays.asList(null, new BigDecimal("-1000"), new BigDecimal("-12.5"),
        new BigDecimal("-12.125"), new BigDecimal("-1.2"), new BigDecimal("-0.001"),
        BigDecimal.ZERO, new BigDecimal("0.001"), new BigDecimal("0.12"), new BigDecimal("0.123"),
        new BigDecimal("1.2"), new BigDecimal("9.999"), new BigDecimal("10"),
        new BigDecimal("12.125"), new BigDecimal("12.5"), new BigDecimal("100"),
        new BigDecimal("1000"));
    assertOrderPreserved(type, values, (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b));
    KeyCodec codec = KeyCodec.of(type);
    assertArrayEquals(codec.encode(new BigDecimal("1.5")), codec.encode(new BigDecimal("1.500")));
    assertArrayEquals(codec.encode(new BigDecimal("0.00")), codec.encode(BigDecimal.ZERO));
    // Decoded with the type's scale.
    assertEquals(new BigDecimal("1.500"), codec.decode(codec.encode(new BigDecimal("1.5")))[0]);
    assertEquals(new BigDecimal("100.000"), codec.decode(codec.encode(new BigDecimal("1E+2")))[0]);
  }

  @Test
  void randomDecimalsOrderByValue() {
    Random random = new Random(42);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long unscaled = random.nextLong() >> random.nextInt(64);
      values.add(BigDecimal.valueOf(unscaled, random.nextInt(20) - 5));
    }
    assertOrderPreserved(DataType.decimal(38, 10), values,
        (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b));
  }

  @Test
  void stringsOrderByCodePointAndSurviveZeroBytes() {
    List<Object> values = Arrays.asList(null, "", "\0", "\0\0", "\0a", "a", "a\0", "a\0b", "ab",
        "b", "z", "\u00e9", "\uffff", "\ud83d\ude00");
    // Code point order (Java's compareTo would put U+FFFF after the emoji).
    assertOrderPreserved(DataType.of(Kind.STRING), values, (a, b) -> {
      int[] x = ((String) a).codePoints().toArray();
      int[] y = ((String) b).codePoints().toArray();
      return Arrays.compare(x, y);
    });
  }

  @Test
  void booleansAndArrays() {
    assertOrderPreserved(DataType.of(Kind.BOOLEAN), Arrays.asList(null, false, true),
        Comparator.comparing(o -> (Boolean) o));
    DataType array = DataType.array(DataType.of(Kind.INT));
    assertOrderPreserved(array,
        Arrays.asList(null, List.of(), Arrays.asList((Integer) null), List.of(-1), List.of(1),
            List.of(1, 2), List.of(2)),
        (a, b) -> {
          List<?> x = (List<?>) a;
          List<?> y = (List<?>) b;
          for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Integer p = (Integer) x.get(i);
            Integer q = (Integer) y.get(i);
            int c = Comparator.nullsFirst(Comparator.<Integer>naturalOrder()).compare(p, q);
            if (c != 0) {
              return c;
            }
          }
          return Integer.compare(x.size(), y.size());
        });
  }

  @Test
  void tuplesOrderColumnByColumn() {
    KeyCodec codec = KeyCodec.of(DataType.of(Kind.STRING), DataType.of(Kind.INT));
    Object[][] ascending = {
        {null, null}, {null, 5}, {"", -1}, {"a", null}, {"a", -7}, {"a", 3}, {"ab", -100},
        {"b", Integer.MIN_VALUE}};
    for (int i = 1; i < ascending.length; i++) {
      assertTrue(KeyCodec.compare(codec.encode(ascending[i - 1]), codec.encode(ascending[i])) < 0,
          Arrays.toString(ascending[i - 1]) + " < " + Arrays.toString(ascending[i]));
    }
    // A string prefix must not bleed into the next column.
    assertTrue(KeyCodec.compare(codec.encode("a", Integer.MAX_VALUE), codec.encode("a\0", 0)) < 0);
    for (Object[] t : ascending) {
      assertArrayEquals(t, codec.decode(codec.encode(t)));
    }
    Object[] row = {"x", 99L, "a", 3};
    assertArrayEquals(codec.encode("a", 3), codec.encode(row, new int[] {2, 3}, new ByteWriter()));
    KeyCodec empty = KeyCodec.of();
    assertEquals(0, empty.encode().length);
  }

  @Test
  void wrongJavaClassNamesTheValueAndType() {
    KeyCodec codec = KeyCodec.of(DataType.of(Kind.STRING));
    WeirException e = assertThrows(WeirException.class, () -> codec.encode(42));
    assertEquals(WeirException.Kind.INTERNAL, e.kind());
    assertTrue(e.getMessage().contains("42") && e.getMessage().contains("STRING"), e.getMessage());
  }
}
