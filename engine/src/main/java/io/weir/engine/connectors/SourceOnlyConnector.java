package io.weir.engine.connectors;

import io.weir.engine.errors.WeirException;

/**
 * A connector whose tables can only be read: generators ({@code datagen}, {@code nexmark}). The
 * engine refuses a query that writes to one when it is planned, by {@link #canWrite}.
 */
public abstract class SourceOnlyConnector implements Connector {
  @Override
  public final boolean canRead() {
    return true;
  }

  @Override
  public final boolean canWrite() {
    return false;
  }

  @Override
  public final SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    throw WeirException.internal("table '" + table.name() + "': the " + name()
        + " connector cannot be written to (the engine checks canWrite() first)", null);
  }
}
