package io.weir.examples.udf;

import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;
import io.weir.udf.WindowFunction;
import java.util.List;

/**
 * {@code trend(ts, value)}: the least-squares slope of the window's readings, in value units per
 * second (0 for a single reading) — a window function that needs every row in event-time order.
 */
@UdfDescription(name = "trend", description = "Least-squares slope of value over time, per second.")
public final class Trend implements WindowFunction<Trend.Point, Double> {

  /** One reading. */
  public record Point(@UdfParameter(value = "ts", type = "TIMESTAMP(3)") long ts,
      @UdfParameter("value") double value) {}

  @Override
  public Double apply(List<Point> rows) {
    int n = rows.size();
    long t0 = rows.get(0).ts();
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (Point p : rows) {
      double x = (p.ts() - t0) / 1000.0;
      sx += x;
      sy += p.value();
      sxy += x * p.value();
      sxx += x * x;
    }
    double d = n * sxx - sx * sx;
    return d == 0 ? 0.0 : (n * sxy - sx * sy) / d;
  }
}
