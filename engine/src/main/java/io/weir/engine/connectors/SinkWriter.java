package io.weir.engine.connectors;

import io.weir.engine.operators.RowBatch;

/**
 * Writes rows of a sink table (its physical columns, in order) for one query.
 *
 * <p>Call order: {@link #open}, then {@link #write} and {@link #flush} repeatedly, {@link
 * #close} once. All from one task thread. After {@link #flush} returns, every row written before
 * is durable (on disk, acknowledged by Kafka): the runtime commits source positions only then.
 */
public interface SinkWriter extends AutoCloseable {
  void open();

  void write(RowBatch rows);

  void flush();

  @Override
  void close();
}
