package io.weir.engine.runtime;

import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;

/** The last stage of a chain: hands rows to a table's writer. */
final class SinkOperator implements Operator {
  private final SinkWriter writer;
  private QueryMetrics metrics;

  SinkOperator(SinkWriter writer) {
    this.writer = writer;
  }

  @Override
  public void open(OperatorContext context) {
    this.metrics = context.metrics();
    writer.open();
  }

  @Override
  public void processBatch(RowBatch batch, Output out) {
    writer.write(batch);
    metrics.rowsOut.add(batch.size());
  }

  @Override
  public void flush() {
    writer.flush();
  }

  @Override
  public void close() {
    writer.close();
  }
}
