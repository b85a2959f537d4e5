package io.weir.cli.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How a value looks in a table: NULL for null, doubles with at most four decimals. */
public final class Values {
  private Values() {}

  public static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      BigDecimal b = BigDecimal.valueOf(d);
      if (b.scale() > 4) {
        b = b.setScale(4, RoundingMode.HALF_UP);
      }
      return b.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }
}
