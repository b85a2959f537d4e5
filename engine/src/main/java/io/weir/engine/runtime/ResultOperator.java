package io.weir.engine.runtime;

import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;

/** The last stage of a transient query: appends rows to its {@link ResultBuffer}. */
final class ResultOperator implements Operator {
  private final ResultBuffer buffer;
  private QueryMetrics metrics;

  ResultOperator(ResultBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public void open(OperatorContext context) {
    this.metrics = context.metrics();
  }

  @Override
  public void processBatch(RowBatch batch, Output out) {
    for (int i = 0; i < batch.size(); i++) {
      buffer.append(batch.get(i));
    }
    metrics.rowsOut.add(batch.size());
  }
}
