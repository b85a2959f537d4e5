package io.weir.engine.connectors.print;

import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.operators.RowBatch;

/** Discards rows, counting them. Call order and threading as {@link SinkWriter}. */
public final class BlackHoleSinkWriter implements SinkWriter {
  private long rows;

  @Override
  public void open() {}

  @Override
  public void write(RowBatch batch) {
    rows += batch.size();
  }

  /** Rows discarded so far (read it from the writer's thread). */
  public long rows() {
    return rows;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
