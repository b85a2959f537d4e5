package io.weir.examples.udf;

import io.weir.udf.FunctionContext;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;
import io.weir.udf.WindowFunction;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * {@code predict_next(ts, value)} over a window: the predicted mean of the series in the second
 * after the window's last reading, from an XGBoost regressor trained at build time on {@code
 * io.weir.examples.data.SensorSeries} (features: {@link SeriesFeatures}). Used over {@code
 * HOP(1 s, 10 s)}: every second, each sensor's next value from its last ten seconds.
 *
 * <p>All windows that close at one watermark come in one {@link #applyAll} call and are scored
 * with one native call.
 */
@UdfDescription(name = "predict_next", description = "Predicted mean of the next second of a "
    + "series, from the window's readings in event-time order. XGBoost, trained at build time.")
public final class PredictNext implements WindowFunction<PredictNext.Reading, Double> {

  /** One reading of the window. */
  public record Reading(
      @UdfParameter(value = "ts", type = "TIMESTAMP(3)", description = "event time") long ts,
      @UdfParameter(value = "value", description = "the reading") double value) {}

  /** The model inside the jar. */
  public static final String MODEL = "models/next-value.ubj";

  private Booster booster;

  @Override
  public void open(FunctionContext ctx) throws Exception {
    booster = Boosters.load(ctx, MODEL);
  }

  @Override
  public Double apply(List<Reading> rows) throws Exception {
    return applyAll(List.of(rows)).get(0);
  }

  @Override
  public List<Double> applyAll(List<List<Reading>> windows) throws Exception {
    int n = windows.size();
    float[] x = new float[n * SeriesFeatures.COUNT];
    double[] reference = new double[n];
    for (int w = 0; w < n; w++) {
      List<Reading> rows = windows.get(w);
      long[] ts = new long[rows.size()];
      double[] v = new double[rows.size()];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = rows.get(i).ts();
        v[i] = rows.get(i).value();
      }
      reference[w] = SeriesFeatures.reference(ts, v, ts.length);
      SeriesFeatures.write(ts, v, ts.length, x, w * SeriesFeatures.COUNT);
    }
    float[] delta = Boosters.predict(booster, x, n, SeriesFeatures.COUNT);
    List<Double> out = new ArrayList<>(n);
    for (int w = 0; w < n; w++) {
      out.add(Math.round((reference[w] + delta[w]) * 1000) / 1000.0);
    }
    return out;
  }

  @Override
  public void close() {
    if (booster != null) {
      booster.dispose();
      booster = null;
    }
  }
}
