package io.weir.engine.connectors.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written scanner of {@link JsonRowDecoder} must give, for every record it takes, the
 * very row the Jackson paths give, and leave everything else to them: random records, well-formed
 * and not, decoded with and without it must agree on the row or on the error message.
 */
class FlatJsonDecoderTest {
  static final Schema SCHEMA = Schema.of(
      new Field("b", DataType.of(Kind.BOOLEAN)), new Field("i", DataType.of(Kind.INT)),
      new Field("l", DataType.of(Kind.BIGINT)), new Field("f", DataType.of(Kind.FLOAT)),
      new Field("d", DataType.of(Kind.DOUBLE)), new Field("dec", DataType.decimal(10, 2)),
      new Field("s", DataType.of(Kind.STRING)), new Field("ts", DataType.of(Kind.TIMESTAMP)),
      new Field("ltz", DataType.of(Kind.TIMESTAMP_LTZ)),
      new Field("arr", DataType.array(DataType.of(Kind.INT))));

  static final String[] VALUES = {"null", "true", "false", "0", "-0", "7", "-42", "007", "1.5",
      "-2.25e3", "1E2", "12345678901234567", "123456789012345678901", "2147483648", "99999999999",
      "1.", ".5", "-", "+1", "\"x\"", "\"\"", "\"a b\"", "\"tab\\there\"", "\"\\u0041\"",
      "\"caf\u00e9\"", "\"42\"", "\" 17 \"", "\"1.5\"", "\"true\"", "\"2024-01-02 03:04:05.678\"",
      "\"2024-01-02T03:04:05.678Z\"", "\"2024-01-02 03:04:05.678Z\"", "\"2024-13-40 00:00:00\"",
      "[1,2,3]", "[]", "[1,\"x\"]", "{\"k\":1}", "{}", "nul", "truex", "[1,", "\"bad\\q\"",
      "\"open", "1e", "-.5", "3.0", "9.999", "123456789.125"};
  static final String[] NAMES = {"b", "i", "l", "f", "d", "dec", "s", "ts", "ltz", "arr",
      "unknown", "other", "n\\u0061me", "caf\u00e9"};

  @ParameterizedTest
  @ValueSource(strings = {"", "json.fail-on-missing-field=true", "json.ignore-parse-errors=true",
      "json.timestamp-format.standard=ISO-8601"})
  void agreesWithTheJacksonPaths(String option) {
    String[] opts = option.isEmpty() ? new String[0] : option.split("=");
    JsonFormatOptions options = Formats.jsonOptions(JsonFormatTest.table(SCHEMA, opts));
    JsonRowDecoder withScanner = new JsonRowDecoder(SCHEMA, options);
    JsonRowDecoder reference = new JsonRowDecoder(SCHEMA, options);
    SplittableRandom random = new SplittableRandom(option.hashCode());
    FlatJsonDecoder flat = new FlatJsonDecoder(names(), types(), options);
    int taken = 0;
    for (int n = 0; n < 8_000; n++) {
      String json = record(random);
      byte[] bytes = json.getBytes(UTF_8);
      String expected = outcome(() -> reference.decodeWithJackson(bytes, 0, bytes.length));
      String actual = outcome(() -> withScanner.decode(bytes, 0, bytes.length));
      assertEquals(expected, actual, "record " + json);
      if (flat.decode(bytes, 0, bytes.length) != null) {
        taken++;
      }
    }
    // The scanner takes a good share of these records (and all plain ones, see below); random
    // records rarely name every column, as fail-on-missing-field wants.
    if (!option.contains("fail-on-missing")) {
      assertEquals(true, taken > 500, "records the scanner took: " + taken);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"seq\":1,\"auction\":1234,\"bidder\":5,\"price\":99}",
      " { \"price\" : -3 , \"seq\" : 0 , \"x\" : {\"y\" : [1, {\"z\": null}]} , \"auction\":7 } trailing",
      "{\"seq\":1,\"seq\":2,\"auction\":3,\"bidder\":4,\"price\":5,\"extra\":\"a\\\"b\"}"})
  void plainRecordsNeverReachJackson(String json) {
    Schema bid = Schema.of(new Field("seq", DataType.of(Kind.BIGINT)),
        new Field("auction", DataType.of(Kind.BIGINT)), new Field("bidder", DataType.of(Kind.BIGINT)),
        new Field("price", DataType.of(Kind.BIGINT)));
    FlatJsonDecoder flat = new FlatJsonDecoder(new String[] {"seq", "auction", "bidder", "price"},
        new DataType[] {DataType.of(Kind.BIGINT), DataType.of(Kind.BIGINT),
            DataType.of(Kind.BIGINT), DataType.of(Kind.BIGINT)}, JsonFormatOptions.DEFAULTS);
    byte[] bytes = json.getBytes(UTF_8);
    Object[] row = flat.decode(bytes, 0, bytes.length);
    assertNotNull(row, json);
    JsonRowDecoder reference = new JsonRowDecoder(bid, JsonFormatOptions.DEFAULTS);
    assertEquals(outcome(() -> reference.decodeWithJackson(bytes, 0, bytes.length)),
        Arrays.deepToString(row));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"seq\":1.5}", "{\"seq\":\"1\"}", "{\"seq\":1", "[1]",
      "{\"seq\":12345678901234567890}", "{\"s\\u0065q\":1}", "{\"x\":{\"y\":1,}}"})
  void leavesTheRestToJackson(String json) {
    FlatJsonDecoder flat = new FlatJsonDecoder(new String[] {"seq"},
        new DataType[] {DataType.of(Kind.BIGINT)}, JsonFormatOptions.DEFAULTS);
    byte[] bytes = json.getBytes(UTF_8);
    assertNull(flat.decode(bytes, 0, bytes.length), json);
  }

  /**
   * Doubles the scanner computes without a string (no exponent, at most 15 digits) are bit for
   * bit what {@link Double#parseDouble} gives; longer ones go through it.
   */
  @org.junit.jupiter.api.Test
  void shortDecimalsAreParsedExactly() {
    FlatJsonDecoder flat = new FlatJsonDecoder(new String[] {"d"},
        new DataType[] {DataType.of(Kind.DOUBLE)}, JsonFormatOptions.DEFAULTS);
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 200_000; n++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
      int whole = 1 + random.nextInt(random.nextBoolean() ? 4 : 12);
      text.append(1 + random.nextInt(9));
      for (int k = 1; k < whole; k++) {
        text.append(random.nextInt(10));
      }
      int fraction = random.nextInt(10);
      if (fraction > 0) {
        text.append('.');
        for (int k = 0; k < fraction; k++) {
          text.append(random.nextInt(10));
        }
      }
      if (random.nextInt(20) == 0) {
        text.setLength(0);
        text.append(random.nextBoolean() ? "0.0" : "-0.0");
      }
      byte[] bytes = ("{\"d\":" + text + "}").getBytes(UTF_8);
      Object[] row = flat.decode(bytes, 0, bytes.length);
      assertNotNull(row, text.toString());
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text.toString())),
          Double.doubleToRawLongBits((Double) row[0]), text.toString());
    }
  }

  interface Decode {
    Object[] run() throws MalformedRecordException;
  }

  static String outcome(Decode d) {
    try {
      return Arrays.deepToString(d.run());
    } catch (MalformedRecordException e) {
      return "malformed: " + e.getMessage();
    }
  }

  static String[] names() {
    return SCHEMA.names().toArray(new String[0]);
  }

  static DataType[] types() {
    DataType[] t = new DataType[SCHEMA.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = SCHEMA.field(i).type();
    }
    return t;
  }

  static String record(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    String[] space = {"", "", "", " ", "\n", "\t "};
    sb.append(space[r.nextInt(space.length)]).append('{');
    int fields = r.nextInt(12);
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < fields; k++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      String value = VALUES[r.nextInt(VALUES.length)];
      parts.add(space[r.nextInt(space.length)] + "\"" + name + "\"" + space[r.nextInt(space.length)]
          + ":" + space[r.nextInt(space.length)] + value + space[r.nextInt(space.length)]);
    }
    sb.append(String.join(",", parts)).append('}');
    String s = sb.toString();
    switch (r.nextInt(12)) {
      case 0 -> s = s.substring(0, r.nextInt(s.length() + 1)); // truncated
      case 1 -> s = s + " garbage";
      case 2 -> s = s.replace(",", ",,");
      case 3 -> s = "[" + s + "]";
      default -> { }
    }
    return s;
  }
}
