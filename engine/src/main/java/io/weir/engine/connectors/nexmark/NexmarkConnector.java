package io.weir.engine.connectors.nexmark;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;

/**
 * The {@code nexmark} connector: the person, auction or bid stream of the Nexmark benchmark's
 * generator, with Flink's Nexmark options (see {@link NexmarkConfig}) and column names. It cannot
 * be written. Stateless.
 */
public final class NexmarkConnector implements Connector {
  public static final String NAME = "nexmark";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(TableDescriptor table) {
    NexmarkConfig.parse(table);
    SideOutputs.validate(table);
  }

  @Override
  public boolean canRead() {
    return true;
  }

  @Override
  public boolean canWrite() {
    return false;
  }

  @Override
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    return new NexmarkReader(NexmarkConfig.parse(table));
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    throw WeirException.user("table '" + table.name()
        + "' uses the nexmark connector, which only produces events; it cannot be written to");
  }
}
