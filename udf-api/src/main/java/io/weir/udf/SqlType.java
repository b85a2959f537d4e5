package io.weir.udf;

import java.util.Locale;
import java.util.Objects;

/**
 * A SQL type as a function's signature states it. The engine derives it from Java types:
 *
 * <table>
 *   <caption>Java type → SQL type</caption>
 *   <tr><th>Java</th><th>SQL</th></tr>
 *   <tr><td>{@code boolean} / {@code Boolean}</td><td>BOOLEAN</td></tr>
 *   <tr><td>{@code int} / {@code Integer}</td><td>INT</td></tr>
 *   <tr><td>{@code long} / {@code Long}</td><td>BIGINT (or TIMESTAMP(3) / TIMESTAMP_LTZ(3) when
 *       annotated: epoch milliseconds)</td></tr>
 *   <tr><td>{@code float} / {@code Float}</td><td>FLOAT</td></tr>
 *   <tr><td>{@code double} / {@code Double}</td><td>DOUBLE</td></tr>
 *   <tr><td>{@code BigDecimal}</td><td>DECIMAL(38, 18), or as annotated</td></tr>
 *   <tr><td>{@code String}</td><td>STRING</td></tr>
 *   <tr><td>{@code java.time.Instant}</td><td>TIMESTAMP_LTZ(3)</td></tr>
 *   <tr><td>{@code java.time.LocalDateTime}</td><td>TIMESTAMP(3)</td></tr>
 *   <tr><td>{@code List<T>}, {@code T[]}, {@code double[]}, …</td><td>ARRAY&lt;T&gt;</td></tr>
 * </table>
 *
 * <p><b>Nulls.</b> A primitive ({@code double}) is NOT NULL; a boxed or object type is nullable.
 * Elements of a primitive array are NOT NULL.
 *
 * <p>The text form is Flink's: {@code DOUBLE}, {@code DECIMAL(10, 2) NOT NULL}, {@code
 * ARRAY<DOUBLE>}, {@code TIMESTAMP_LTZ(3)}; {@link #parse} reads it (also {@code VARCHAR},
 * {@code INTEGER}). Immutable.
 */
public record SqlType(Kind kind, boolean nullable, int precision, int scale, SqlType element) {

  /** The kinds of SQL type a function may use (the engine's types). */
  public enum Kind {
    BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, STRING, TIMESTAMP, TIMESTAMP_LTZ, ARRAY
  }

  public SqlType {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.ARRAY && element == null) {
      throw new IllegalArgumentException("ARRAY needs an element type");
    }
    if (kind == Kind.DECIMAL && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("DECIMAL(" + precision + ", " + scale
          + "): precision must be 1 to 38 and scale 0 to the precision");
    }
  }

  /** A nullable type of a kind without parameters (TIMESTAMPs get precision 3). */
  public static SqlType of(Kind kind) {
    if (kind == Kind.DECIMAL) {
      return decimal(38, 18);
    }
    int precision = kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_LTZ ? 3 : -1;
    return new SqlType(kind, true, precision, -1, null);
  }

  public static SqlType decimal(int precision, int scale) {
    return new SqlType(Kind.DECIMAL, true, precision, scale, null);
  }

  public static SqlType array(SqlType element) {
    return new SqlType(Kind.ARRAY, true, -1, -1, element);
  }

  public SqlType notNull() {
    return withNullable(false);
  }

  public SqlType withNullable(boolean n) {
    return new SqlType(kind, n, precision, scale, element);
  }

  /**
   * Reads a type as Flink writes it: {@code BOOLEAN}, {@code INT}/{@code INTEGER}, {@code
   * BIGINT}, {@code FLOAT}, {@code DOUBLE}, {@code DECIMAL(p, s)}, {@code STRING}/{@code
   * VARCHAR}, {@code TIMESTAMP(3)}, {@code TIMESTAMP_LTZ(3)}, {@code ARRAY<T>}, each optionally
   * followed by {@code NOT NULL}.
   *
   * @throws IllegalArgumentException naming the text and what is accepted
   */
  public static SqlType parse(String text) {
    Parser p = new Parser(text);
    SqlType t = p.type();
    p.skipSpaces();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the type");
    }
    return t;
  }

  /** The type as Flink SQL writes it. */
  @Override
  public String toString() {
    String base = switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
      case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(" + precision + ")";
      case ARRAY -> "ARRAY<" + element + ">";
      default -> kind.name();
    };
    return nullable ? base : base + " NOT NULL";
  }

  private static final class Parser {
    private final String text;
    private final String upper;
    private int pos;

    Parser(String text) {
      this.text = Objects.requireNonNull(text, "text");
      this.upper = text.toUpperCase(Locale.ROOT);
    }

    SqlType type() {
      skipSpaces();
      String word = word();
      SqlType t = switch (word) {
        case "BOOLEAN" -> of(Kind.BOOLEAN);
        case "INT", "INTEGER" -> of(Kind.INT);
        case "BIGINT" -> of(Kind.BIGINT);
        case "FLOAT", "REAL" -> of(Kind.FLOAT);
        case "DOUBLE" -> {
          skipSpaces();
          if (upper.startsWith("PRECISION", pos)) {
            pos += "PRECISION".length();
          }
          yield of(Kind.DOUBLE);
        }
        case "STRING", "VARCHAR" -> {
          skipSpaces();
          if (peek('(')) {
            pos++;
            number();
            expect(')');
          }
          yield of(Kind.STRING);
        }
        case "DECIMAL", "NUMERIC" -> {
          skipSpaces();
          int precision = 38;
          int scale = 18;
          if (peek('(')) {
            pos++;
            precision = number();
            scale = 0;
            skipSpaces();
            if (peek(',')) {
              pos++;
              scale = number();
            }
            expect(')');
          }
          try {
            yield decimal(precision, scale);
          } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
          }
        }
        case "TIMESTAMP", "TIMESTAMP_LTZ" -> {
          skipSpaces();
          if (peek('(')) {
            pos++;
            int p = number();
            if (p != 3) {
              throw error("only precision 3 (milliseconds) is supported, got " + p);
            }
            expect(')');
          }
          yield of(word.equals("TIMESTAMP") ? Kind.TIMESTAMP : Kind.TIMESTAMP_LTZ);
        }
        case "ARRAY" -> {
          expect('<');
          SqlType element = type();
          expect('>');
          yield array(element);
        }
        default -> throw error("unknown type '" + word + "'");
      };
      skipSpaces();
      if (upper.startsWith("NOT", pos)) {
        int save = pos;
        pos += 3;
        skipSpaces();
        if (upper.startsWith("NULL", pos)) {
          pos += 4;
          return t.notNull();
        }
        pos = save;
      } else if (upper.startsWith("NULL", pos)) {
        pos += 4;
      }
      return t;
    }

    private String word() {
      int start = pos;
      while (pos < upper.length() && (Character.isLetter(upper.charAt(pos)) || upper.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw error("a type name was expected");
      }
      return upper.substring(start, pos);
    }

    private int number() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("a number was expected");
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      skipSpaces();
      if (!peek(c)) {
        throw error("'" + c + "' was expected");
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String why) {
      return new IllegalArgumentException("cannot read SQL type '" + text + "' at position "
          + (pos + 1) + ": " + why + " (types: BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), "
          + "STRING, TIMESTAMP(3), TIMESTAMP_LTZ(3), ARRAY<T>, optionally NOT NULL)");
    }
  }
}
