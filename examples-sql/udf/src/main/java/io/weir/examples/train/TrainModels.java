package io.weir.examples.train;

import io.weir.examples.data.SensorSeries;
import io.weir.examples.data.WebTraffic;
import io.weir.examples.udf.RequestFeatures;
import io.weir.examples.udf.SeriesFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains the two example models on synthetic data with fixed seeds (nothing is downloaded) and
 * writes them, with a short report, to the directory given as the only argument:
 *
 * <ul>
 *   <li>{@code anomaly.ubj}: a binary classifier of web requests ({@link WebTraffic}, 5%
 *       anomalies), features {@link RequestFeatures};
 *   <li>{@code next-value.ubj}: a regressor of a sensor series' next-second mean from its last
 *       ten seconds ({@link SensorSeries}), features {@link SeriesFeatures};
 *   <li>{@code training.txt}: what was trained and how it scored on held-out data.
 * </ul>
 *
 * <p>Single-threaded and seeded, so the same build produces the same models.
 */
public final class TrainModels {
  private TrainModels() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/classes/models");
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    StringBuilder report = new StringBuilder();
    trainAnomaly(dir, report);
    trainNextValue(dir, report);
    report.append(String.format(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - t0) / 1e9));
    Files.writeString(dir.resolve("training.txt"), report.toString(), StandardCharsets.UTF_8);
    System.out.print(report);
  }

  static Map<String, Object> params(String objective) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", objective);
    p.put("max_depth", 5);
    p.put("eta", 0.2);
    p.put("nthread", 1);
    p.put("seed", 7);
    p.put("tree_method", "hist");
    return p;
  }

  static void trainAnomaly(Path dir, StringBuilder report) throws XGBoostError, IOException {
    int n = 40_000;
    int train = 32_000;
    WebTraffic traffic = new WebTraffic(42, 0.05, 300);
    float[] x = new float[n * RequestFeatures.COUNT];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      WebTraffic.Request r = traffic.next();
      RequestFeatures.write(r.method(), r.path(), r.status(), r.latencyMs(), r.bytes(), x,
          i * RequestFeatures.COUNT);
      y[i] = r.anomaly() ? 1 : 0;
    }
    Booster b = fit(x, y, train, RequestFeatures.COUNT, params("binary:logistic"), 60);
    float[] p = predict(b, x, train, n, RequestFeatures.COUNT);
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (int i = train; i < n; i++) {
      boolean predicted = p[i - train] >= 0.5;
      boolean actual = y[i] == 1;
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
    }
    Files.write(dir.resolve("anomaly.ubj"), b.toByteArray("ubj"));
    report.append(String.format(Locale.ROOT, "anomaly.ubj: binary:logistic, 60 trees of depth 5, "
        + "%d training requests (seed 42, 5%% anomalies); held out %d: precision %.3f, recall %.3f, "
        + "accuracy %.4f%n", train, n - train, tp / (double) Math.max(1, tp + fp),
        tp / (double) Math.max(1, tp + fn), (tp + tn) / (double) (n - train)));
    b.dispose();
  }

  static void trainNextValue(Path dir, StringBuilder report) throws XGBoostError, IOException {
    Random random = new Random(11);
    List<float[]> rows = new ArrayList<>();
    List<Float> targets = new ArrayList<>();
    List<Double> naive = new ArrayList<>();
    long start = 1_704_067_200_000L;
    for (int s = 0; s < 48; s++) {
      double base = 30 * random.nextDouble();
      double phase = 2 * Math.PI * random.nextDouble();
      long begin = start + random.nextInt(600_000);
      SensorSeries series = new SensorSeries(1000 + s, base, phase, begin, 4.0);
      List<SensorSeries.Reading> readings = new ArrayList<>();
      SensorSeries.Reading r;
      do {
        r = series.next();
        readings.add(r);
      } while (r.ts() < begin + 20 * 60_000);
      int from = 0;
      for (long end = begin + 11_000; end < begin + 20 * 60_000 - 1000; end += 1000) {
        while (readings.get(from).ts() < end - 10_000) {
          from++;
        }
        int to = from;
        while (readings.get(to).ts() < end) {
          to++;
        }
        double nextSum = 0;
        int nextN = 0;
        for (int k = to; readings.get(k).ts() < end + 1000; k++) {
          nextSum += readings.get(k).value();
          nextN++;
        }
        int n = to - from;
        if (n == 0 || nextN == 0) {
          continue;
        }
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
          ts[k] = readings.get(from + k).ts();
          v[k] = readings.get(from + k).value();
        }
        float[] f = new float[SeriesFeatures.COUNT];
        SeriesFeatures.write(ts, v, n, f, 0);
        double ref = SeriesFeatures.reference(ts, v, n);
        rows.add(f);
        targets.add((float) (nextSum / nextN - ref));
        naive.add(nextSum / nextN - v[n - 1]);
      }
    }
    int n = rows.size();
    int train = n * 4 / 5;
    float[] x = new float[n * SeriesFeatures.COUNT];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, x, i * SeriesFeatures.COUNT, SeriesFeatures.COUNT);
      y[i] = targets.get(i);
    }
    Map<String, Object> params = params("reg:squarederror");
    params.put("eta", 0.1);
    Booster b = fit(x, y, train, SeriesFeatures.COUNT, params, 80);
    float[] p = predict(b, x, train, n, SeriesFeatures.COUNT);
    double se = 0;
    double naiveSe = 0;
    for (int i = train; i < n; i++) {
      se += Math.pow(p[i - train] - y[i], 2);
      naiveSe += Math.pow(naive.get(i), 2);
    }
    Files.write(dir.resolve("next-value.ubj"), b.toByteArray("ubj"));
    report.append(String.format(Locale.ROOT, "next-value.ubj: reg:squarederror, 80 trees of depth "
        + "5, %d training windows of 10 s from 48 sensors (seed 11); held out %d: RMSE %.4f "
        + "(last value as the forecast: %.4f)%n", train, n - train, Math.sqrt(se / (n - train)),
        Math.sqrt(naiveSe / (n - train))));
    b.dispose();
  }

  static Booster fit(float[] x, float[] y, int rows, int cols, Map<String, Object> params,
      int rounds) throws XGBoostError {
    float[] xs = java.util.Arrays.copyOf(x, rows * cols);
    DMatrix d = new DMatrix(xs, rows, cols, Float.NaN);
    d.setLabel(java.util.Arrays.copyOf(y, rows));
    try {
      return XGBoost.train(d, params, rounds, Map.of(), null, null);
    } finally {
      d.dispose();
    }
  }

  static float[] predict(Booster b, float[] x, int from, int to, int cols) throws XGBoostError {
    float[] xs = java.util.Arrays.copyOfRange(x, from * cols, to * cols);
    DMatrix d = new DMatrix(xs, to - from, cols, Float.NaN);
    try {
      float[][] p = b.predict(d);
      float[] out = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        out[i] = p[i][0];
      }
      return out;
    } finally {
      d.dispose();
    }
  }
}
