package io.weir.engine.data;

import java.util.Objects;

/**
 * A SQL type as the runtime sees it. The Java value of each kind is fixed, so every layer
 * (formats, operators, state, sinks) agrees without conversion:
 *
 * <table>
 *   <tr><th>kind</th><th>Java value</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT</td><td>{@link Integer}</td></tr>
 *   <tr><td>BIGINT</td><td>{@link Long}</td></tr>
 *   <tr><td>FLOAT</td><td>{@link Float}</td></tr>
 *   <tr><td>DOUBLE</td><td>{@link Double}</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>{@link java.math.BigDecimal}</td></tr>
 *   <tr><td>STRING</td><td>{@link String}</td></tr>
 *   <tr><td>TIMESTAMP(3)</td><td>{@link Long}: milliseconds of the wall-clock time read as UTC
 *       (Calcite's internal representation)</td></tr>
 *   <tr><td>TIMESTAMP_LTZ(3)</td><td>{@link Long}: epoch milliseconds</td></tr>
 *   <tr><td>ARRAY</td><td>{@link java.util.List} of the element's values</td></tr>
 * </table>
 *
 * <p>{@code null} is a legal value of every nullable type.
 */
public record DataType(Kind kind, boolean nullable, int precision, int scale, DataType elementType) {

  /** The kinds of type Weir supports. */
  public enum Kind {
    BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, STRING, TIMESTAMP, TIMESTAMP_LTZ, ARRAY
  }

  public DataType {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.ARRAY && elementType == null) {
      throw new IllegalArgumentException("ARRAY needs an element type");
    }
  }

  public static DataType of(Kind kind) {
    int precision = (kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_LTZ) ? 3 : -1;
    return new DataType(kind, true, precision, -1, null);
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(Kind.DECIMAL, true, precision, scale, null);
  }

  public static DataType array(DataType element) {
    return new DataType(Kind.ARRAY, true, -1, -1, element);
  }

  public DataType notNull() {
    return new DataType(kind, false, precision, scale, elementType);
  }

  public DataType withNullable(boolean nullable) {
    return new DataType(kind, nullable, precision, scale, elementType);
  }

  public boolean isTimestamp() {
    return kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_LTZ;
  }

  public boolean isNumeric() {
    return switch (kind) {
      case INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /** The type as Flink SQL writes it, e.g. {@code DECIMAL(10, 2)} or {@code TIMESTAMP_LTZ(3) NOT NULL}. */
  @Override
  public String toString() {
    String base = switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
      case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(" + precision + ")";
      case ARRAY -> "ARRAY<" + elementType + ">";
      default -> kind.name();
    };
    return nullable ? base : base + " NOT NULL";
  }
}
