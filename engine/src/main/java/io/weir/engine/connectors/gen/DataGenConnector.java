package io.weir.engine.connectors.gen;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;

/**
 * The {@code datagen} connector: a generated, seeded, throttled source with Flink's options (see
 * {@link DataGenSpec}). It cannot be written. Stateless.
 */
public final class DataGenConnector implements Connector {
  public static final String NAME = "datagen";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(TableDescriptor table) {
    DataGenSpec.parse(table);
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
    return new DataGenReader(DataGenSpec.parse(table));
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    throw WeirException.user("table '" + table.name()
        + "' uses the datagen connector, which only produces rows; it cannot be written to");
  }
}
