package io.weir.engine.operators.calc;

import io.weir.engine.graph.CalcSpec;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;

/** Filters and projects each row with the compiled expressions of a {@link CalcSpec}. Stateless. */
public final class CalcOperator implements Operator {
  private final RowFunction function;

  public CalcOperator(CalcSpec spec) {
    this.function = RowFunctionCompiler.instantiate(spec.code());
  }

  @Override
  public void processBatch(RowBatch batch, Output out) {
    RowFunction f = function;
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] result = f.apply(batch.get(i));
      if (result != null) {
        out.collect(result);
      }
    }
  }

  /** Applies the function to one row (used by sources for computed columns). */
  public Object[] apply(Object[] row) {
    return function.apply(row);
  }
}
