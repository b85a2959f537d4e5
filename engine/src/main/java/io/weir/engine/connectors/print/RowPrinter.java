package io.weir.engine.connectors.print;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Renders a row as Flink's {@code Row.toString()} does for an insert: {@code +I[v1, v2, …]}.
 * Values print as their Flink external types do: TIMESTAMP as {@code LocalDateTime#toString}
 * ({@code 2024-01-01T00:00:10}, {@code 2024-01-01T00:00} on a whole minute, {@code
 * 2024-01-01T00:00:10.500}), TIMESTAMP_LTZ as {@code Instant#toString} ({@code
 * 2024-01-01T00:00:10Z}), DECIMAL as {@code BigDecimal#toString} at the column's scale, FLOAT and
 * DOUBLE as Java prints them, strings unquoted, arrays as {@code [a, b]}, null as {@code null}.
 * Stateless; thread-safe.
 */
public final class RowPrinter {
  private RowPrinter() {}

  public static String toString(Schema schema, Object[] row) {
    StringBuilder sb = new StringBuilder(64);
    append(sb, schema, row);
    return sb.toString();
  }

  public static void append(StringBuilder sb, Schema schema, Object[] row) {
    sb.append("+I[");
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      appendValue(sb, schema.field(i).type(), row[i]);
    }
    sb.append(']');
  }

  static void appendValue(StringBuilder sb, DataType type, Object v) {
    if (v == null) {
      sb.append("null");
      return;
    }
    switch (type.kind()) {
      case TIMESTAMP -> {
        long millis = (Long) v;
        sb.append(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
            (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC));
      }
      case TIMESTAMP_LTZ -> sb.append(Instant.ofEpochMilli((Long) v));
      case DECIMAL -> {
        BigDecimal d = (BigDecimal) v;
        if (type.scale() >= 0 && d.scale() != type.scale()) {
          d = d.setScale(type.scale(), RoundingMode.HALF_UP);
        }
        sb.append(d);
      }
      case ARRAY -> {
        sb.append('[');
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          appendValue(sb, type.elementType(), list.get(i));
        }
        sb.append(']');
      }
      default -> sb.append(v);
    }
  }
}
