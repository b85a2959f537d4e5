package io.weir.examples.udf;

import io.weir.udf.FunctionContext;
import io.weir.udf.MetricGroup;
import io.weir.udf.ModelFunction;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * {@code anomaly_score(method, path, status, latency_ms, bytes)}: the probability (0 to 1) that
 * a web request is anomalous — path scanning, exfiltration, a slow request or an error burst —
 * from an XGBoost classifier trained at build time on {@code io.weir.examples.data.WebTraffic}.
 * A NULL argument is a missing value to the model.
 *
 * <p>One booster per instance (the engine creates one per worker), one native call per batch.
 */
@UdfDescription(name = "anomaly_score", description = "Probability (0..1) that a web request "
    + "is anomalous: scanning, exfiltration, slow or failing calls. XGBoost, trained at build time.")
public final class AnomalyScore implements ModelFunction<AnomalyScore.Request, Double> {

  /** One request's arguments. */
  public record Request(
      @UdfParameter(value = "method", description = "GET, POST, …") String method,
      @UdfParameter(value = "path", description = "the request path") String path,
      @UdfParameter(value = "status", description = "HTTP status") Integer status,
      @UdfParameter(value = "latency_ms", description = "response time, milliseconds") Double latencyMs,
      @UdfParameter(value = "bytes", description = "response size") Long bytes) {}

  /** The model inside the jar. */
  public static final String MODEL = "models/anomaly.ubj";

  private Booster booster;
  private MetricGroup.Counter scored;

  @Override
  public void open(FunctionContext ctx) throws Exception {
    booster = Boosters.load(ctx, MODEL);
    scored = ctx.metrics().counter("scored");
  }

  @Override
  public List<Double> predict(List<Request> batch) throws Exception {
    int n = batch.size();
    float[] x = new float[n * RequestFeatures.COUNT];
    for (int i = 0; i < n; i++) {
      Request r = batch.get(i);
      RequestFeatures.write(r.method(), r.path(), r.status(), r.latencyMs(), r.bytes(), x,
          i * RequestFeatures.COUNT);
    }
    float[] p = Boosters.predict(booster, x, n, RequestFeatures.COUNT);
    List<Double> out = new ArrayList<>(n);
    for (float f : p) {
      out.add((double) f);
    }
    scored.inc(n);
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
