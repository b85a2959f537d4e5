package io.weir.engine.connectors.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object per record into a row, as Flink's json format does
 * ({@code JsonParserToRowDataConverters}): flat objects of plain values with a hand-written
 * scanner ({@link FlatJsonDecoder}), anything else with Jackson's streaming parser and no tree.
 *
 * <ul>
 *   <li>Columns are matched to object fields by exact (case-sensitive) name, in any order;
 *       fields the table does not have are skipped; a missing field is null unless {@code
 *       fail-on-missing-field}. JSON {@code null} is null for every type.
 *   <li>INT and BIGINT take JSON integers, JSON floats (truncated, as Jackson coerces them) and
 *       strings holding an integer ({@code " 42 "}); FLOAT and DOUBLE take numbers and strings
 *       that {@code Double.parseDouble} accepts ({@code "1.5"}, {@code "NaN"}); DECIMAL takes
 *       numbers and numeric strings, rounded HALF_UP to the column's scale, and is null when the
 *       value has more digits than the column's precision (Flink's {@code
 *       DecimalData.fromBigDecimal}); BOOLEAN takes {@code true}/{@code false} and otherwise
 *       {@code Boolean.parseBoolean} of the text (so {@code "TRUE"} is true and {@code "yes"} is
 *       false, as in Flink); STRING takes any scalar's text and writes objects and arrays as
 *       compact JSON; TIMESTAMP and TIMESTAMP_LTZ take text in the configured standard (see
 *       {@link TimestampText}); ARRAY takes a JSON array.
 *   <li>With {@code ignore-parse-errors} a value that cannot be converted becomes null (an array
 *       element too) and the record is kept, as in Flink; text that is not a JSON object still
 *       throws, and the runtime skips such records instead of failing.
 *   <li>As in Flink, nothing after the closing brace of the object is looked at.
 * </ul>
 *
 * <p>One instance per reader; not thread-safe. {@link #decode} throws {@link
 * MalformedRecordException} whose message names the field and the problem, e.g. {@code field
 * 'price': expected DOUBLE, got "abc"} or {@code not valid JSON at column 12: Unexpected
 * end-of-input ...}.
 */
public final class JsonRowDecoder implements RowDecoder {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .build();
  /** Only to turn a nested object or array into text for a STRING column (rare). */
  private static final ObjectMapper TREE_MAPPER = new ObjectMapper(FACTORY);

  private final Schema schema;
  private final JsonFormatOptions options;
  private final boolean iso;
  private final String[] names;
  private final DataType[] types;
  private final Map<String, Integer> index = new HashMap<>();
  private final int[] seen;
  /** The first try: flat objects of plain values, scanned by hand. */
  private final FlatJsonDecoder flat;
  private int generation;
  private String currentField;
  private JsonParser fastParser;
  private ByteArrayFeeder feeder;
  private int fastRecords;
  /** The fast parser's symbol table grows with every new field name: renew it now and then. */
  private static final int RENEW_EVERY = 1 << 16;

  public JsonRowDecoder(Schema schema, JsonFormatOptions options) {
    this.schema = schema;
    this.options = options;
    this.iso = options.timestampStandard() == JsonFormatOptions.TimestampStandard.ISO_8601;
    int n = schema.size();
    names = new String[n];
    types = new DataType[n];
    for (int i = 0; i < n; i++) {
      // Jackson interns field names, so the in-order fast path below compares references.
      names[i] = schema.field(i).name().intern();
      types[i] = schema.field(i).type();
      index.putIfAbsent(names[i], i);
    }
    seen = new int[n];
    flat = new FlatJsonDecoder(names, types, options);
  }

  public Schema schema() {
    return schema;
  }

  public JsonFormatOptions options() {
    return options;
  }

  @Override
  public Object[] decode(byte[] bytes, int offset, int length) throws MalformedRecordException {
    if (length == 0) {
      throw new MalformedRecordException("the record is empty");
    }
    Object[] direct;
    try {
      direct = flat.decode(bytes, offset, length);
    } catch (RuntimeException e) {
      direct = null; // whatever it is, the Jackson paths decide
    }
    if (direct != null) {
      return direct;
    }
    try {
      Object[] row = decodeFast(bytes, offset, length);
      if (++fastRecords >= RENEW_EVERY) {
        closeFast();
      }
      return row;
    } catch (BadValue | MalformedRecordException | IOException | RuntimeException e) {
      // Fallback, or anything else the fast path cannot stand behind: decide afresh below.
      closeFast();
    }
    return decodeBlocking(bytes, offset, length);
  }

  /** Decodes without the hand-written scanner: the reference the scanner is tested against. */
  Object[] decodeWithJackson(byte[] bytes, int offset, int length)
      throws MalformedRecordException {
    if (length == 0) {
      throw new MalformedRecordException("the record is empty");
    }
    try {
      Object[] row = decodeFast(bytes, offset, length);
      if (++fastRecords >= RENEW_EVERY) {
        closeFast();
      }
      return row;
    } catch (BadValue | MalformedRecordException | IOException | RuntimeException e) {
      closeFast();
    }
    return decodeBlocking(bytes, offset, length);
  }

  /**
   * The hot path: one long-lived non-blocking parser fed record after record, which saves
   * creating a parser per record. It handles only well-formed records whose values all fit;
   * anything else (including text after the object) throws, and {@link #decodeBlocking}
   * decides on a fresh parser, so both paths give the same rows and the same errors.
   */
  private Object[] decodeFast(byte[] bytes, int offset, int length)
      throws IOException, BadValue, MalformedRecordException {
    if (fastParser == null) {
      fastParser = FACTORY.createNonBlockingByteArrayParser();
      feeder = (ByteArrayFeeder) fastParser.getNonBlockingInputFeeder();
      fastRecords = 0;
    }
    feeder.feedInput(bytes, offset, offset + length);
    JsonParser p = fastParser;
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw Fallback.INSTANCE;
    }
    Object[] row = readObject(p, true);
    if (p.nextToken() != JsonToken.NOT_AVAILABLE) {
      throw Fallback.INSTANCE;
    }
    return row;
  }

  private void closeFast() {
    JsonParser p = fastParser;
    fastParser = null;
    feeder = null;
    if (p != null) {
      try {
        p.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("closing an in-memory JSON parser", e);
      }
    }
  }

  /** The reference path: a fresh parser per record, precise errors. */
  private Object[] decodeBlocking(byte[] bytes, int offset, int length)
      throws MalformedRecordException {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new MalformedRecordException("the record is empty");
      }
      if (t != JsonToken.START_OBJECT) {
        throw new MalformedRecordException(
            "the record is not a JSON object: it starts with " + describe(p, t));
      }
      return readObject(p, false);
    } catch (JsonProcessingException e) {
      String message = firstLine(e.getOriginalMessage());
      String field = currentField;
      if (e instanceof JsonEOFException || message.contains("end-of-input")) {
        throw new MalformedRecordException("truncated JSON" + in(field) + ": the record ends at "
            + where(e.getLocation()) + " before the object is closed", e);
      }
      throw new MalformedRecordException("not valid JSON" + in(field) + " at "
          + where(e.getLocation()) + ": " + message, e);
    } catch (IOException e) {
      throw new MalformedRecordException("cannot read the record: " + e.getMessage(), e);
    }
  }

  /** The fields of an object whose START_OBJECT is the current token, up to its END_OBJECT. */
  private Object[] readObject(JsonParser p, boolean fast)
      throws IOException, MalformedRecordException {
    final int n = names.length;
    Object[] row = new Object[n];
    int gen = ++generation;
    if (gen == Integer.MAX_VALUE) {
      java.util.Arrays.fill(seen, 0);
      generation = gen = 1;
    }
    int found = 0;
    int expected = 0;
    currentField = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int idx;
      if (expected < n && names[expected] == name) {
        idx = expected;
      } else {
        Integer i = index.get(name);
        idx = i == null ? -1 : i;
      }
      currentField = name;
      t = p.nextToken();
      if (t == JsonToken.NOT_AVAILABLE) {
        throw Fallback.INSTANCE;
      }
      if (idx < 0) {
        skip(p, t, fast);
        continue;
      }
      expected = idx + 1;
      if (seen[idx] != gen) {
        seen[idx] = gen;
        found++;
      }
      row[idx] = t == JsonToken.VALUE_NULL ? null : readField(p, t, types[idx], name, fast);
    }
    currentField = null;
    if (t != JsonToken.END_OBJECT) {
      if (fast) {
        throw Fallback.INSTANCE;
      }
      throw new MalformedRecordException("not valid JSON: expected a field name, got "
          + describe(p, t));
    }
    if (found < n && options.failOnMissingField()) {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (seen[i] != gen) {
          missing.add(names[i]);
        }
      }
      throw new MalformedRecordException("missing field" + (missing.size() > 1 ? "s " : " ")
          + quoteAll(missing) + " (json.fail-on-missing-field is true)");
    }
    return row;
  }

  /** Moves past a value the table does not want. */
  private static void skip(JsonParser p, JsonToken t, boolean fast) throws IOException {
    if (!fast) {
      p.skipChildren();
      return;
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken e = p.nextToken();
      if (e == null || e == JsonToken.NOT_AVAILABLE) {
        throw Fallback.INSTANCE;
      }
      if (e.isStructStart()) {
        depth++;
      } else if (e.isStructEnd()) {
        depth--;
      }
    }
  }

  /** A column's value; the parser is on its first token, which is not VALUE_NULL. */
  private Object readField(JsonParser p, JsonToken t, DataType type, String name, boolean fast)
      throws IOException, MalformedRecordException {
    try {
      return convert(p, t, type, fast);
    } catch (BadValue e) {
      if (fast) {
        throw Fallback.INSTANCE;
      }
      if (options.ignoreParseErrors()) {
        return null;
      }
      throw new MalformedRecordException("field '" + name + "': " + e.getMessage());
    }
  }

  /** Reads the number the parser is on. */
  private interface NumberReader {
    Object read(JsonParser p) throws IOException;
  }

  /**
   * A numeric column: a JSON number read by {@code fromNumber}, or a string (trimmed) parsed by
   * {@code fromText}, as Flink's JSON format accepts both; anything else is a bad value.
   */
  private static Object number(JsonParser p, JsonToken t, DataType type, NumberReader fromNumber,
      java.util.function.Function<String, Object> fromText) throws IOException, BadValue {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        return fromNumber.read(p);
      } catch (InputCoercionException e) {
        throw bad(p, t, type, "out of range");
      }
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return fromText.apply(p.getText().trim());
      } catch (NumberFormatException e) {
        throw bad(p, t, type, null);
      }
    }
    throw bad(p, t, type, null);
  }

  private Object convert(JsonParser p, JsonToken t, DataType type, boolean fast)
      throws IOException, BadValue {
    switch (type.kind()) {
      case STRING:
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (fast) {
            throw Fallback.INSTANCE;
          }
          return TREE_MAPPER.readTree(p).toString();
        }
        return p.getText();
      case BIGINT:
        return number(p, t, type, JsonParser::getLongValue, Long::parseLong);
      case INT:
        return number(p, t, type, JsonParser::getIntValue, Integer::parseInt);
      case DOUBLE:
        return number(p, t, type, JsonParser::getDoubleValue, Double::parseDouble);
      case FLOAT:
        return number(p, t, type, q -> Float.parseFloat(q.getText()), Float::parseFloat);
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE) {
          return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
          return Boolean.FALSE;
        }
        if (t.isScalarValue()) {
          return Boolean.parseBoolean(p.getText().trim());
        }
        throw bad(p, t, type, null);
      case DECIMAL:
        return fitDecimal((BigDecimal) number(p, t, type, JsonParser::getDecimalValue,
            BigDecimal::new), type);
      case TIMESTAMP:
      case TIMESTAMP_LTZ: {
        if (t != JsonToken.VALUE_STRING && !t.isScalarValue()) {
          throw bad(p, t, type, null);
        }
        try {
          return TimestampText.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(),
              iso, type.kind() == DataType.Kind.TIMESTAMP_LTZ);
        } catch (DateTimeParseException e) {
          throw bad(p, t, type, "expected the " + (iso ? "ISO-8601" : "SQL") + " form "
              + example(iso, type.kind() == DataType.Kind.TIMESTAMP_LTZ));
        }
      }
      case ARRAY: {
        if (t != JsonToken.START_ARRAY) {
          throw bad(p, t, type, null);
        }
        DataType element = type.elementType();
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e == null || e == JsonToken.NOT_AVAILABLE) {
            if (fast) {
              throw Fallback.INSTANCE;
            }
            throw new JsonEOFException(p, null, "end of input inside an array");
          }
          if (e == JsonToken.VALUE_NULL) {
            list.add(null);
            continue;
          }
          try {
            list.add(convert(p, e, element, fast));
          } catch (BadValue bad) {
            if (fast || !options.ignoreParseErrors()) {
              // Finish the array so the message can stay simple; the record fails anyway.
              throw new BadValue("element " + list.size() + ": " + bad.getMessage());
            }
            list.add(null);
          }
        }
        return list;
      }
      default:
        throw new IllegalStateException("unsupported type " + type);
    }
  }

  /** Rounds to the column's scale; null when the digits exceed its precision, as in Flink. */
  static BigDecimal fitDecimal(BigDecimal v, DataType type) {
    if (type.scale() >= 0 && v.scale() != type.scale()) {
      v = v.setScale(type.scale(), RoundingMode.HALF_UP);
    }
    if (type.precision() > 0 && v.precision() > type.precision()) {
      return null;
    }
    return v;
  }

  /** A value of the wrong shape; the parser has been moved past it (children skipped). */
  private static BadValue bad(JsonParser p, JsonToken t, DataType type, String detail)
      throws IOException {
    String got = describe(p, t);
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && !p.canParseAsync()) {
      p.skipChildren(); // the fast (async) path gives up on the record instead
    }
    return new BadValue("expected " + type.withNullable(true) + ", got " + got
        + (detail == null ? "" : " (" + detail + ")"));
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> quote(p.getText());
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          abbreviate(p.getText());
      case FIELD_NAME -> "field name " + quote(p.currentName());
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String example(boolean iso, boolean ltz) {
    return "'yyyy-MM-dd" + (iso ? "T" : " ") + "HH:mm:ss[.SSS]" + (ltz ? "Z'" : "'");
  }

  private static String quote(String s) {
    return "\"" + abbreviate(s) + "\"";
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static String quoteAll(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String s : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(s).append('\'');
    }
    return sb.toString();
  }

  private static String in(String field) {
    return field == null ? "" : " in field '" + field + "'";
  }

  private static String where(JsonLocation loc) {
    if (loc == null) {
      return "an unknown position";
    }
    return loc.getLineNr() > 1
        ? "line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        : "column " + loc.getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The fast path cannot decide; the record goes through {@link #decodeBlocking}. */
  private static final class Fallback extends RuntimeException {
    static final Fallback INSTANCE = new Fallback();

    private Fallback() {
      super("fall back to the blocking parser", null, false, false);
    }
  }

  /** A value that does not fit its column; cheap (no stack trace). */
  private static final class BadValue extends Exception {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }
}
