package io.weir.examples.udf;

import io.weir.udf.FunctionContext;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Loads a model bundled in the jar. Stateless. */
final class Boosters {
  private Boosters() {}

  /**
   * The booster stored in resource {@code path}, set to one thread per call (the engine runs
   * several workers; XGBoost threads on top of them would only contend).
   */
  static Booster load(FunctionContext ctx, String path) throws Exception {
    Booster b = XGBoost.loadModel(ctx.readResource(path));
    b.setParam("nthread", Integer.parseInt(ctx.config("nthread", "1")));
    return b;
  }

  /** Predicts a dense row-major matrix without building a DMatrix; one value per row. */
  static float[] predict(Booster b, float[] x, int rows, int cols) throws XGBoostError {
    float[][] p = b.inplace_predict(x, rows, cols, Float.NaN);
    float[] out = new float[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = p[i][0];
    }
    return out;
  }
}
