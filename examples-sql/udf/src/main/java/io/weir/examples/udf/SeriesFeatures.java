package io.weir.examples.udf;

/**
 * The features {@link PredictNext} reads from a window of readings (times and values in event
 * time order) — the same code at training and at scoring time. Everything is relative to the
 * {@link #reference} (the mean of the last second), so one model serves series of any level;
 * the model predicts the next second's mean minus the reference. Stateless.
 */
public final class SeriesFeatures {
  /** Features per window. */
  public static final int COUNT = 8;

  private SeriesFeatures() {}

  /** The mean of the readings in the last second before the last reading (inclusive). */
  public static double reference(long[] ts, double[] v, int n) {
    long last = ts[n - 1];
    double sum = 0;
    int k = 0;
    for (int i = n - 1; i >= 0 && ts[i] > last - 1000; i--) {
      sum += v[i];
      k++;
    }
    return sum / k;
  }

  /** Writes one window's features to {@code out[offset …]}; {@code n} is at least 1. */
  public static void write(long[] ts, double[] v, int n, float[] out, int offset) {
    double ref = reference(ts, v, n);
    long last = ts[n - 1];
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum3 = 0;
    int n3 = 0;
    for (int i = 0; i < n; i++) {
      sum += v[i];
      min = Math.min(min, v[i]);
      max = Math.max(max, v[i]);
      if (ts[i] > last - 3000) {
        sum3 += v[i];
        n3++;
      }
    }
    double mean = sum / n;
    double var = 0;
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      var += (v[i] - mean) * (v[i] - mean);
      double x = (ts[i] - last) / 1000.0;
      sx += x;
      sy += v[i];
      sxy += x * v[i];
      sxx += x * x;
    }
    double denominator = n * sxx - sx * sx;
    double slope = n < 2 || denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    out[offset] = (float) (v[n - 1] - ref);
    out[offset + 1] = (float) (mean - ref);
    out[offset + 2] = (float) (min - ref);
    out[offset + 3] = (float) (max - ref);
    out[offset + 4] = (float) Math.sqrt(var / n);
    out[offset + 5] = (float) slope;
    out[offset + 6] = (float) (sum3 / n3 - ref);
    out[offset + 7] = n;
  }
}
