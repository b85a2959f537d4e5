package io.weir.engine.connectors.format;

import io.weir.engine.data.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The first try of {@link JsonRowDecoder}: a hand-written scanner over the record's bytes for the
 * common case, a flat JSON object of plain values, without a parser object, tokens or field-name
 * strings. It takes exactly the records it can decode to the very row the Jackson paths would
 * give, and says "not mine" (null) for everything else, which then goes through Jackson and gets
 * Jackson's answer and errors: field names with escapes, strings that are not plain ASCII or hold
 * escapes, numbers where the column wants more care (more than 18 digits, fractions into whole
 * numbers, text into numbers), objects and arrays in wanted columns, timestamps that do not parse,
 * missing fields under {@code fail-on-missing-field}, and anything that is not valid JSON.
 *
 * <p>Unknown fields are skipped whatever their value, a repeated field keeps its last value, and
 * nothing after the closing brace is looked at, as in the Jackson paths. One per decoder; not
 * thread-safe.
 */
final class FlatJsonDecoder {
  private final byte[][] names;
  /** Whether a column's name is plain ASCII without quote or backslash: then its JSON form is
   * its bytes, and the field after the previous one can be matched in place. */
  private final boolean[] plainName;
  private final DataType.Kind[] kinds;
  private final DataType[] types;
  private final boolean iso;
  private final boolean failOnMissingField;
  private char[] chars = new char[64];

  FlatJsonDecoder(String[] names, DataType[] types, JsonFormatOptions options) {
    this.names = new byte[names.length][];
    this.plainName = new boolean[names.length];
    this.kinds = new DataType.Kind[names.length];
    this.types = types.clone();
    for (int i = 0; i < names.length; i++) {
      this.names[i] = names[i].getBytes(StandardCharsets.UTF_8);
      this.kinds[i] = types[i].kind();
      boolean plain = true;
      for (byte c : this.names[i]) {
        plain &= c >= 0x20 && c != '"' && c != '\\';
      }
      this.plainName[i] = plain;
    }
    this.iso = options.timestampStandard() == JsonFormatOptions.TimestampStandard.ISO_8601;
    this.failOnMissingField = options.failOnMissingField();
  }

  /** The row, or null when this record is for the Jackson paths to decide. */
  Object[] decode(byte[] b, int offset, int length) {
    int end = offset + length;
    int i = skipSpace(b, offset, end);
    if (i >= end || b[i] != '{') {
      return null;
    }
    int n = names.length;
    Object[] row = new Object[n];
    int found = 0;
    long seen = 0; // bit per column for the first 64 columns
    boolean[] seenMore = n > 64 ? new boolean[n] : null;
    int expected = 0;
    i = skipSpace(b, i + 1, end);
    if (i < end && b[i] == '}') {
      return missing(found, n) ? null : row;
    }
    while (true) {
      // "name"
      if (i >= end || b[i] != '"') {
        return null;
      }
      int nameStart = i + 1;
      int column = -1;
      int j;
      byte[] next = expected < n && plainName[expected] ? names[expected] : null;
      if (next != null && nameStart + next.length < end && b[nameStart + next.length] == '"'
          && Arrays.equals(next, 0, next.length, b, nameStart, nameStart + next.length)) {
        // The field after the previous one, as usual: matched in place.
        column = expected;
        j = nameStart + next.length;
      } else {
        j = nameStart;
        while (j < end && b[j] != '"') {
          if (b[j] == '\\' || b[j] < 0) {
            return null; // escapes and non-ASCII names: Jackson's
          }
          j++;
        }
        if (j >= end) {
          return null;
        }
        column = column(b, nameStart, j - nameStart, expected);
      }
      i = skipSpace(b, j + 1, end);
      if (i >= end || b[i] != ':') {
        return null;
      }
      i = skipSpace(b, i + 1, end);
      if (i >= end) {
        return null;
      }
      if (column < 0) {
        i = skipValue(b, i, end);
      } else {
        expected = column + 1;
        if (column < 64) {
          if ((seen & (1L << column)) == 0) {
            seen |= 1L << column;
            found++;
          }
        } else if (!seenMore[column]) {
          seenMore[column] = true;
          found++;
        }
        i = value(b, i, end, column, row);
      }
      if (i < 0) {
        return null;
      }
      i = skipSpace(b, i, end);
      if (i >= end) {
        return null;
      }
      if (b[i] == ',') {
        i = skipSpace(b, i + 1, end);
        continue;
      }
      if (b[i] == '}') {
        return missing(found, n) ? null : row;
      }
      return null;
    }
  }

  private boolean missing(int found, int n) {
    return found < n && failOnMissingField;
  }

  /** The column of a field name, trying the one after the previous field first; -1 if none. */
  private int column(byte[] b, int from, int len, int expected) {
    if (expected < names.length && equal(names[expected], b, from, len)) {
      return expected;
    }
    for (int c = 0; c < names.length; c++) {
      if (c != expected && equal(names[c], b, from, len)) {
        return c;
      }
    }
    return -1;
  }

  private static boolean equal(byte[] name, byte[] b, int from, int len) {
    if (name.length != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (name[k] != b[from + k]) {
        return false;
      }
    }
    return true;
  }

  /** Reads the value at {@code i} into {@code row[column]}; the index after it, or -1. */
  private int value(byte[] b, int i, int end, int column, Object[] row) {
    byte c = b[i];
    if (c == 'n') {
      if (!literal(b, i, end, "null")) {
        return -1;
      }
      row[column] = null;
      return i + 4;
    }
    DataType.Kind kind = kinds[column];
    switch (kind) {
      case BIGINT, INT -> {
        if (c != '-' && (c < '0' || c > '9')) {
          return -1;
        }
        int j = i;
        boolean negative = c == '-';
        if (negative) {
          j++;
        }
        int digitsStart = j;
        long v = 0;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
          v = v * 10 + (b[j] - '0');
          j++;
        }
        int digits = j - digitsStart;
        if (digits == 0 || digits > (kind == DataType.Kind.INT ? 9 : 18)
            || (digits > 1 && b[digitsStart] == '0')) {
          return -1;
        }
        if (j < end && (b[j] == '.' || b[j] == 'e' || b[j] == 'E')) {
          return -1; // a fraction or exponent: Jackson's coercion decides
        }
        v = negative ? -v : v;
        row[column] = kind == DataType.Kind.INT ? (Object) (int) v : (Object) v;
        return j;
      }
      case DOUBLE, FLOAT, DECIMAL -> {
        int j = number(b, i, end);
        if (j < 0 || negativeZero(b, i, j)) {
          return -1;
        }
        if (kind == DataType.Kind.DOUBLE) {
          double d = shortDecimal(b, i, j);
          row[column] = d == d ? d
              : Double.parseDouble(new String(b, i, j - i, StandardCharsets.ISO_8859_1));
          return j;
        }
        String text = new String(b, i, j - i, StandardCharsets.ISO_8859_1);
        if (kind == DataType.Kind.FLOAT) {
          row[column] = Float.parseFloat(text);
        } else {
          row[column] = JsonRowDecoder.fitDecimal(new BigDecimal(text), types[column]);
        }
        return j;
      }
      case STRING -> {
        if (c == '"') {
          int j = i + 1;
          while (j < end) {
            byte x = b[j];
            if (x == '"') {
              break;
            }
            if (x == '\\' || x < 0) {
              return -1; // escapes and non-ASCII text: Jackson's
            }
            j++;
          }
          if (j >= end) {
            return -1;
          }
          row[column] = new String(b, i + 1, j - i - 1, StandardCharsets.ISO_8859_1);
          return j + 1;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          int j = number(b, i, end);
          if (j < 0 || negativeZero(b, i, j)) {
            return -1;
          }
          row[column] = new String(b, i, j - i, StandardCharsets.ISO_8859_1);
          return j;
        }
        if (literal(b, i, end, "true")) {
          row[column] = "true";
          return i + 4;
        }
        if (literal(b, i, end, "false")) {
          row[column] = "false";
          return i + 5;
        }
        return -1;
      }
      case BOOLEAN -> {
        if (literal(b, i, end, "true")) {
          row[column] = Boolean.TRUE;
          return i + 4;
        }
        if (literal(b, i, end, "false")) {
          row[column] = Boolean.FALSE;
          return i + 5;
        }
        return -1;
      }
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        if (c != '"') {
          return -1;
        }
        int j = i + 1;
        while (j < end && b[j] != '"') {
          if (b[j] == '\\' || b[j] < 0) {
            return -1;
          }
          j++;
        }
        if (j >= end) {
          return -1;
        }
        int len = j - i - 1;
        if (chars.length < len) {
          chars = new char[len * 2];
        }
        for (int k = 0; k < len; k++) {
          chars[k] = (char) b[i + 1 + k];
        }
        try {
          row[column] = TimestampText.parse(chars, 0, len, iso,
              kind == DataType.Kind.TIMESTAMP_LTZ);
        } catch (DateTimeParseException | ArithmeticException e) {
          return -1; // Jackson's path words the error or applies ignore-parse-errors
        }
        return j + 1;
      }
      default -> {
        return -1; // arrays
      }
    }
  }

  /** 10^0 … 10^22: every one exactly a double. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = p;
      p *= 10;
    }
  }

  /**
   * The JSON number in {@code [i, j)} when it has no exponent and at most 15 digits, else NaN.
   * Then its digits as a whole number are exactly a double, and so is the power of ten it is
   * divided by: one correctly rounded division gives the double nearest the text, the very value
   * {@link Double#parseDouble} gives (Clinger's fast path), without a string.
   */
  private static double shortDecimal(byte[] b, int i, int j) {
    boolean negative = b[i] == '-';
    long digits = 0;
    int count = 0;
    int fraction = -1;
    for (int k = negative ? i + 1 : i; k < j; k++) {
      byte c = b[k];
      if (c == '.') {
        fraction = 0;
        continue;
      }
      if (c < '0' || c > '9' || ++count > 15) {
        return Double.NaN;
      }
      digits = digits * 10 + (c - '0');
      if (fraction >= 0) {
        fraction++;
      }
    }
    double v = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
    return negative ? -v : v;
  }

  /** Whether the number in {@code [i, j)} is the integer {@code -0}, whose text Jackson gives as 0. */
  private static boolean negativeZero(byte[] b, int i, int j) {
    return j - i == 2 && b[i] == '-' && b[i + 1] == '0';
  }

  /** The end of a JSON number starting at {@code i} (strict JSON syntax), or -1. */
  private static int number(byte[] b, int i, int end) {
    int j = i;
    if (j < end && b[j] == '-') {
      j++;
    }
    int intStart = j;
    while (j < end && b[j] >= '0' && b[j] <= '9') {
      j++;
    }
    if (j == intStart || (j - intStart > 1 && b[intStart] == '0')) {
      return -1;
    }
    if (j < end && b[j] == '.') {
      j++;
      int fracStart = j;
      while (j < end && b[j] >= '0' && b[j] <= '9') {
        j++;
      }
      if (j == fracStart) {
        return -1;
      }
    }
    if (j < end && (b[j] == 'e' || b[j] == 'E')) {
      j++;
      if (j < end && (b[j] == '+' || b[j] == '-')) {
        j++;
      }
      int expStart = j;
      while (j < end && b[j] >= '0' && b[j] <= '9') {
        j++;
      }
      if (j == expStart) {
        return -1;
      }
    }
    return j;
  }

  /**
   * Past a value of a field the table does not have, checking that it is JSON (as Jackson does
   * while skipping); -1 when it is not, or when it holds non-ASCII text or nests deeper than 32.
   */
  private static int skipValue(byte[] b, int i, int end) {
    return skipValue(b, i, end, 0);
  }

  private static int skipValue(byte[] b, int i, int end, int depth) {
    if (i >= end || depth > 32) {
      return -1;
    }
    byte c = b[i];
    if (c == '"') {
      return skipString(b, i, end);
    }
    if (c == '{' || c == '[') {
      boolean object = c == '{';
      byte close = (byte) (object ? '}' : ']');
      int j = skipSpace(b, i + 1, end);
      if (j < end && b[j] == close) {
        return j + 1;
      }
      while (true) {
        if (object) {
          if (j >= end || b[j] != '"') {
            return -1;
          }
          j = skipString(b, j, end);
          if (j < 0) {
            return -1;
          }
          j = skipSpace(b, j, end);
          if (j >= end || b[j] != ':') {
            return -1;
          }
          j = skipSpace(b, j + 1, end);
        }
        j = skipValue(b, j, end, depth + 1);
        if (j < 0) {
          return -1;
        }
        j = skipSpace(b, j, end);
        if (j >= end) {
          return -1;
        }
        if (b[j] == close) {
          return j + 1;
        }
        if (b[j] != ',') {
          return -1;
        }
        j = skipSpace(b, j + 1, end);
      }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(b, i, end);
    }
    if (literal(b, i, end, "true")) {
      return i + 4;
    }
    if (literal(b, i, end, "false")) {
      return i + 5;
    }
    if (literal(b, i, end, "null")) {
      return i + 4;
    }
    return -1;
  }

  /** Past a string whose escapes are valid and whose text is ASCII, or -1. */
  private static int skipString(byte[] b, int i, int end) {
    int j = i + 1;
    while (j < end) {
      byte x = b[j];
      if (x < 0) {
        return -1;
      }
      if (x == '"') {
        return j + 1;
      }
      if (x == '\\') {
        if (j + 1 >= end) {
          return -1;
        }
        byte e = b[j + 1];
        if (e == 'u') {
          if (j + 6 > end) {
            return -1;
          }
          for (int k = j + 2; k < j + 6; k++) {
            if (Character.digit(b[k], 16) < 0) {
              return -1;
            }
          }
          j += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(e) < 0) {
          return -1;
        }
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
  }

  private static boolean literal(byte[] b, int i, int end, String word) {
    if (i + word.length() > end) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    int after = i + word.length();
    // A literal must end there: "nullx" or "true1" is not JSON.
    return after >= end || !Character.isLetterOrDigit(b[after]);
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return i;
      }
      i++;
    }
    return i;
  }
}
