package io.weir.engine.connectors;

import io.weir.engine.errors.WeirException;

/**
 * A connector whose tables can only be written: {@code print}, {@code blackhole}. The engine
 * refuses a query that reads one when it is planned, by {@link #canRead}.
 */
public abstract class SinkOnlyConnector implements Connector {
  @Override
  public final boolean canRead() {
    return false;
  }

  @Override
  public final boolean canWrite() {
    return true;
  }

  @Override
  public final SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    throw WeirException.internal("table '" + table.name() + "': the " + name()
        + " connector cannot be read (the engine checks canRead() first)", null);
  }
}
