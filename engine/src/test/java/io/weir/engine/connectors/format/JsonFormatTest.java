package io.weir.engine.connectors.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

  static final Schema ALL = Schema.of(
      new Field("b", DataType.of(Kind.BOOLEAN)),
      new Field("i", DataType.of(Kind.INT)),
      new Field("l", DataType.of(Kind.BIGINT)),
      new Field("f", DataType.of(Kind.FLOAT)),
      new Field("d", DataType.of(Kind.DOUBLE)),
      new Field("dec", DataType.decimal(10, 2)),
      new Field("s", DataType.of(Kind.STRING)),
      new Field("ts", DataType.of(Kind.TIMESTAMP)),
      new Field("ltz", DataType.of(Kind.TIMESTAMP_LTZ)),
      new Field("arr", DataType.array(DataType.of(Kind.INT))),
      new Field("nested", DataType.array(DataType.array(DataType.of(Kind.STRING)))));

  static TableDescriptor table(Schema schema, String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("connector", "filesystem");
    map.put("format", "json");
    for (int i = 0; i < options.length; i += 2) {
      map.put(options[i], options[i + 1]);
    }
    return new TableDescriptor("t", schema, map);
  }

  static long millis(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  static String encode(Schema schema, Object[] row, String... options) {
    return new String(Formats.encoder(table(schema, options)).encode(row), UTF_8);
  }

  static Object[] decode(Schema schema, String json, String... options)
      throws MalformedRecordException {
    return Formats.decoder(table(schema, options)).decode(json.getBytes(UTF_8));
  }

  static Object[] fullRow() {
    return new Object[] {
        true, -7, 1L << 40, 1.5f, 1.0E10, new BigDecimal("12.50"), "héllo \"q\"\n",
        millis("2024-01-01T00:00:10"), millis("2024-01-01T00:00:10.500"),
        Arrays.asList(1, null, 3), List.of(List.of("a"), List.of())};
  }

  @Test
  void writesEveryTypeAsFlinkDoes() {
    String json = encode(ALL, fullRow());
    assertEquals("{\"b\":true,\"i\":-7,\"l\":1099511627776,\"f\":1.5,\"d\":1.0E10,"
        + "\"dec\":12.50,\"s\":\"héllo \\\"q\\\"\\n\",\"ts\":\"2024-01-01 00:00:10\","
        + "\"ltz\":\"2024-01-01 00:00:10.5Z\",\"arr\":[1,null,3],\"nested\":[[\"a\"],[]]}", json);
  }

  @Test
  void writesIsoTimestampsAndNulls() {
    Object[] row = new Object[ALL.size()];
    row[7] = millis("1969-12-31T23:59:59.120");
    row[8] = millis("2024-02-29T12:00:00.001");
    String json = encode(ALL, row, "json.timestamp-format.standard", "ISO-8601");
    assertEquals("{\"b\":null,\"i\":null,\"l\":null,\"f\":null,\"d\":null,\"dec\":null,"
        + "\"s\":null,\"ts\":\"1969-12-31T23:59:59.12\",\"ltz\":\"2024-02-29T12:00:00.001Z\","
        + "\"arr\":null,\"nested\":null}", json);
  }

  @Test
  void ignoreNullFieldsLeavesThemOut() {
    Object[] row = new Object[ALL.size()];
    row[1] = 5;
    row[9] = Arrays.asList(null, 2);
    assertEquals("{\"i\":5,\"arr\":[null,2]}",
        encode(ALL, row, "json.encode.ignore-null-fields", "true"));
  }

  @Test
  void decimalsScientificUnlessPlain() {
    Schema s = Schema.of(new Field("x", DataType.decimal(20, 10)));
    Object[] row = {new BigDecimal("0.000000027")};
    assertEquals("{\"x\":2.70E-8}", encode(s, row));
    assertEquals("{\"x\":0.0000000270}",
        encode(s, row, "json.encode.decimal-as-plain-number", "true"));
    // A value at another scale is written at the column's scale, as Flink's DecimalData holds it.
    Schema two = Schema.of(new Field("x", DataType.decimal(10, 2)));
    assertEquals("{\"x\":3.00}", encode(two, new Object[] {new BigDecimal("3")}));
  }

  @Test
  void roundTripsEveryTypeInBothStandards() throws Exception {
    for (String standard : List.of("SQL", "ISO-8601")) {
      Object[] row = fullRow();
      String json = encode(ALL, row, "json.timestamp-format.standard", standard);
      Object[] back = decode(ALL, json, "json.timestamp-format.standard", standard);
      assertArrayEquals(row, back, json);
      Object[] nulls = new Object[ALL.size()];
      assertArrayEquals(nulls, decode(ALL, encode(ALL, nulls)));
    }
  }

  @Test
  void roundTripsNegativeAndExtremeTimestamps() throws Exception {
    Schema s = Schema.of(new Field("ts", DataType.of(Kind.TIMESTAMP)),
        new Field("ltz", DataType.of(Kind.TIMESTAMP_LTZ)));
    long[] values = {0, -1, -999, -1000, -1001, millis("1900-02-28T23:59:59.999"),
        millis("0001-01-01T00:00:00"), millis("9999-12-31T23:59:59.999"),
        millis("-0001-06-15T10:00:00.010"), millis("+10000-01-01T00:00:00")};
    for (String standard : List.of("SQL", "ISO-8601")) {
      for (long v : values) {
        Object[] row = {v, v};
        String json = encode(s, row, "json.timestamp-format.standard", standard);
        assertArrayEquals(row, decode(s, json, "json.timestamp-format.standard", standard),
            json);
      }
    }
    assertEquals("{\"ts\":\"1969-12-31 23:59:59.999\",\"ltz\":\"1969-12-31 23:59:59Z\"}",
        encode(s, new Object[] {-1L, -1000L}));
    assertEquals("{\"ts\":\"-0001-06-15 10:00:00.01\",\"ltz\":null}",
        encode(s, new Object[] {millis("-0001-06-15T10:00:00.010"), null}));
  }

  @Test
  void fastTimestampPathMatchesFlinksFormatters() {
    java.util.Random random = new java.util.Random(42);
    long min = millis("0000-01-01T00:00:00");
    long max = millis("9999-12-31T23:59:59.999");
    for (int i = 0; i < 200_000; i++) {
      long v = i < 1000 ? i * 86_399_999L - 500 * 86_400_000L : min + (long) (random.nextDouble()
          * (max - min));
      if (i % 3 == 0) {
        v -= Math.floorMod(v, 1000); // whole seconds
      }
      for (int mode = 0; mode < 4; mode++) {
        boolean iso = (mode & 1) != 0;
        boolean ltz = (mode & 2) != 0;
        char[] buf = new char[TimestampText.MAX_FAST_LENGTH];
        int n = TimestampText.format(v, iso, ltz, buf);
        String fast = new String(buf, 0, n);
        assertEquals(TimestampText.formatSlow(v, iso, ltz), fast);
        assertEquals(v, TimestampText.parse(fast, iso, ltz), fast);
      }
    }
  }

  @Test
  void readsTimestampTextFlinkAccepts() throws Exception {
    Schema s = Schema.of(new Field("ts", DataType.of(Kind.TIMESTAMP)));
    assertEquals(millis("2024-01-01T00:00:10.123"),
        decode(s, "{\"ts\":\"2024-01-01 00:00:10.123456789\"}")[0]);
    assertEquals(millis("2024-01-01T00:00:10.100"),
        decode(s, "{\"ts\":\"2024-01-01 00:00:10.1\"}")[0]);
    // Flink's SMART resolver moves 24:00 to the next day and clamps Feb 30 to the month's end.
    assertEquals(millis("2024-01-02T00:00:00"), decode(s, "{\"ts\":\"2024-01-01 24:00:00\"}")[0]);
    assertEquals(millis("2023-02-28T00:00:00"), decode(s, "{\"ts\":\"2023-02-30 00:00:00\"}")[0]);
    // ISO-8601 allows leaving out the seconds, as ISO_LOCAL_DATE_TIME does.
    assertEquals(millis("2024-01-01T10:15:00"), decode(s, "{\"ts\":\"2024-01-01T10:15\"}",
        "json.timestamp-format.standard", "ISO-8601")[0]);
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> decode(s, "{\"ts\":\"2024-01-01T00:00:10\"}"));
    assertTrue(e.getMessage().contains("field 'ts'"), e.getMessage());
    assertTrue(e.getMessage().contains("2024-01-01T00:00:10"), e.getMessage());
    assertThrows(MalformedRecordException.class, () -> decode(s, "{\"ts\":1704067210000}"));
    Schema ltz = Schema.of(new Field("t", DataType.of(Kind.TIMESTAMP_LTZ)));
    assertThrows(MalformedRecordException.class,
        () -> decode(ltz, "{\"t\":\"2024-01-01 00:00:10\"}"));
    assertEquals(millis("2024-01-01T00:00:10"), decode(ltz, "{\"t\":\"2024-01-01 00:00:10Z\"}")[0]);
  }

  @Test
  void acceptsNumbersAndBooleansAsStringsAsFlinkDoes() throws Exception {
    Object[] row = decode(ALL, "{\"b\":\"TRUE\",\"i\":\" 42 \",\"l\":\"-9\",\"f\":\"2.5\","
        + "\"d\":\"NaN\",\"dec\":\"1.005\",\"s\":12.50,\"arr\":[\"1\",2.9]}");
    assertEquals(true, row[0]);
    assertEquals(42, row[1]);
    assertEquals(-9L, row[2]);
    assertEquals(2.5f, row[3]);
    assertEquals(Double.NaN, row[4]);
    assertEquals(new BigDecimal("1.01"), row[5]);
    assertEquals("12.50", row[6]);
    assertEquals(List.of(1, 2), row[9]);
    assertEquals(false, decode(ALL, "{\"b\":\"yes\"}")[0]);
    assertEquals(3.0, decode(ALL, "{\"d\":3}")[4]);
  }

  @Test
  void decimalOverflowIsNullAsInFlink() throws Exception {
    Schema s = Schema.of(new Field("x", DataType.decimal(4, 2)));
    assertNull(decode(s, "{\"x\":123.4}")[0]);
    assertEquals(new BigDecimal("99.99"), decode(s, "{\"x\":99.99}")[0]);
    assertEquals(new BigDecimal("-1.23"), decode(s, "{\"x\":-1.2345}")[0]);
  }

  @Test
  void missingFieldsAreNullUnlessRequired() throws Exception {
    Object[] row = decode(ALL, "{\"i\":1}");
    assertEquals(1, row[1]);
    for (int k = 0; k < row.length; k++) {
      if (k != 1) {
        assertNull(row[k]);
      }
    }
    Schema two = Schema.of(new Field("a", DataType.of(Kind.INT)),
        new Field("b", DataType.of(Kind.INT)));
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> decode(two, "{\"a\":1}", "json.fail-on-missing-field", "true"));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    assertArrayEquals(new Object[] {1, 2},
        decode(two, "{\"b\":2,\"a\":1}", "json.fail-on-missing-field", "true"));
    // Names match exactly, as in Flink.
    assertArrayEquals(new Object[] {null, null}, decode(two, "{\"A\":1,\"B\":2}"));
  }

  @Test
  void extraFieldsAndNestedValuesAreSkippedOrKeptAsText() throws Exception {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
        new Field("payload", DataType.of(Kind.STRING)));
    Object[] row = decode(s, "{\"extra\":{\"deep\":[1,{\"x\":null}]},\"id\":7,"
        + "\"payload\":{\"a\":[1,2],\"b\":\"c\"},\"more\":[[]],\"z\":null}");
    assertArrayEquals(new Object[] {7L, "{\"a\":[1,2],\"b\":\"c\"}"}, row);
    // Unescaped control characters are accepted, as Flink enables ALLOW_UNESCAPED_CONTROL_CHARS.
    assertEquals("a\tb", decode(s, "{\"payload\":\"a\tb\"}")[1]);
  }

  @Test
  void malformedRecordsNameTheFieldAndTheProblem() {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
        new Field("name", DataType.of(Kind.STRING)),
        new Field("tags", DataType.array(DataType.of(Kind.INT))));
    assertMalformed(s, "hello", "not valid JSON", "hello");
    assertMalformed(s, "{\"id\":\"abc\"}", "field 'id'", "expected BIGINT, got \"abc\"");
    assertMalformed(s, "{\"id\":true}", "field 'id'", "true");
    assertMalformed(s, "{\"id\":1,\"name\":\"a", "truncated JSON", "name");
    assertMalformed(s, "{\"id\":1,", "truncated JSON");
    assertMalformed(s, "[1,2]", "not a JSON object", "an array");
    assertMalformed(s, "42", "not a JSON object", "42");
    assertMalformed(s, "", "empty");
    assertMalformed(s, "   ", "empty");
    assertMalformed(s, "{\"id\":99999999999999999999}", "field 'id'", "out of range");
    assertMalformed(s, "{\"tags\":[1,\"x\"]}", "field 'tags'", "element 1", "\"x\"");
    assertMalformed(s, "{\"tags\":5}", "field 'tags'", "expected ARRAY<INT>");
    assertMalformed(s, "{\"id\" 1}", "not valid JSON", "column");
  }

  @Test
  void ignoreParseErrorsNullsBadValuesButNotBadJson() throws Exception {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
        new Field("tags", DataType.array(DataType.of(Kind.INT))),
        new Field("name", DataType.of(Kind.STRING)));
    String[] opts = {"json.ignore-parse-errors", "true"};
    assertArrayEquals(new Object[] {null, Arrays.asList(1, null), "n"},
        decode(s, "{\"id\":{\"x\":[1]},\"tags\":[1,\"x\"],\"name\":\"n\"}", opts));
    assertArrayEquals(new Object[] {null, null, "n"},
        decode(s, "{\"id\":\"x\",\"tags\":{\"a\":1},\"name\":\"n\"}", opts));
    assertThrows(MalformedRecordException.class, () -> decode(s, "not json", opts));
    assertTrue(Formats.ignoreParseErrors(table(s, opts)));
  }

  @Test
  void formatsRejectsUnknownFormatsAndOptions() {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)));
    WeirException unknown = assertThrows(WeirException.class,
        () -> Formats.decoder(table(s, "format", "avro")));
    assertEquals(WeirException.Kind.USER, unknown.kind());
    assertTrue(unknown.getMessage().contains("'avro'") && unknown.getMessage().contains("json"),
        unknown.getMessage());
    Map<String, String> none = Map.of("connector", "filesystem");
    WeirException missing = assertThrows(WeirException.class,
        () -> Formats.encoder(new TableDescriptor("t", s, none)));
    assertTrue(missing.getMessage().contains("'format'"), missing.getMessage());
    WeirException badOption = assertThrows(WeirException.class,
        () -> Formats.validate(table(s, "json.ignore-parse-error", "true")));
    assertTrue(badOption.getMessage().contains("json.ignore-parse-error'"),
        badOption.getMessage());
    WeirException badValue = assertThrows(WeirException.class,
        () -> Formats.validate(table(s, "json.timestamp-format.standard", "RFC")));
    assertTrue(badValue.getMessage().contains("'RFC'"), badValue.getMessage());
    assertThrows(WeirException.class, () -> Formats.validate(table(s,
        "json.fail-on-missing-field", "true", "json.ignore-parse-errors", "true")));
  }

  @Test
  void keyAndValuePrefixesReadTheirOwnFormatOptions() throws Exception {
    Schema key = Schema.of(new Field("ts", DataType.of(Kind.TIMESTAMP)));
    Map<String, String> options = Map.of("connector", "kafka",
        "value.format", "json",
        "key.format", "json", "key.json.timestamp-format.standard", "ISO-8601");
    TableDescriptor t = new TableDescriptor("t", key, options);
    Object[] row = {millis("2024-01-01T00:00:01")};
    assertEquals("{\"ts\":\"2024-01-01T00:00:01\"}",
        new String(Formats.encoder(t, key, "key.").encode(row), UTF_8));
    assertEquals("{\"ts\":\"2024-01-01 00:00:01\"}",
        new String(Formats.encoder(t, key).encode(row), UTF_8));
    assertArrayEquals(row, Formats.decoder(t).decode(
        "{\"ts\":\"2024-01-01 00:00:01\"}".getBytes(UTF_8)));
  }

  @Test
  void encoderSurvivesABadRowAndDecoderReadsWithOffsets() throws Exception {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)));
    RowEncoder encoder = Formats.encoder(table(s));
    WeirException e = assertThrows(WeirException.class,
        () -> encoder.encode(new Object[] {"not a long"}));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    assertEquals("{\"id\":1}", new String(encoder.encode(new Object[] {1L}), UTF_8));
    byte[] buf = "xx{\"id\":5}yy".getBytes(UTF_8);
    assertArrayEquals(new Object[] {5L}, Formats.decoder(table(s)).decode(buf, 2, 8));
  }

  @Test
  void oneDecoderStaysCorrectAcrossGoodAndBadRecords() throws Exception {
    Schema s = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
        new Field("name", DataType.of(Kind.STRING)));
    RowDecoder decoder = Formats.decoder(table(s));
    String[] inputs = {"{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b", "{\"id\":3}",
        "{\"id\":", "{\"id\":4,\"name\":{\"x\":1}}", "[", "{\"id\":5} trailing text",
        "{\"id\":6}{\"id\":7}", "{\"id\":8,\"name\":\"h\"}\n", "42", "{\"id\":9}"};
    Object[][] expected = {{1L, "a"}, null, {3L, null}, null, {4L, "{\"x\":1}"}, null,
        {5L, null}, {6L, null}, {8L, "h"}, null, {9L, null}};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < inputs.length; i++) {
        byte[] bytes = inputs[i].getBytes(UTF_8);
        if (expected[i] == null) {
          assertThrows(MalformedRecordException.class, () -> decoder.decode(bytes), inputs[i]);
        } else {
          assertArrayEquals(expected[i], decoder.decode(bytes), inputs[i]);
        }
      }
    }
    // Many distinct extra field names: the long-lived parser is renewed, rows stay right.
    for (int i = 0; i < 70_000; i++) {
      byte[] bytes = ("{\"k" + i + "\":1,\"id\":" + i + "}").getBytes(UTF_8);
      assertEquals((long) i, decoder.decode(bytes)[0]);
    }
  }

  private static void assertMalformed(Schema s, String json, String... fragments) {
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> decode(s, json), json);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
    }
  }
}
