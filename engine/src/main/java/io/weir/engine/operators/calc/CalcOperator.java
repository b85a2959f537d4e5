package io.weir.engine.operators.calc;

import io.weir.engine.graph.CalcSpec;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.ScalarInvoker;
import java.util.function.Function;

/** Filters and projects each row with the compiled expressions of a {@link CalcSpec}. Stateless. */
public final class CalcOperator implements Operator {
  private final RowFunction function;

  public CalcOperator(CalcSpec spec) {
    this(spec, null);
  }

  /**
   * A calc whose code calls scalar user functions: {@code functions} gives the invoker of each
   * (the query's {@code UdfSession}).
   */
  public CalcOperator(CalcSpec spec, Function<FunctionRef, ScalarInvoker> functions) {
    this.function = RowFunctionCompiler.instantiate(spec, functions);
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
