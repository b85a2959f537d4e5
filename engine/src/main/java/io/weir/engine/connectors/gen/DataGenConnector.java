package io.weir.engine.connectors.gen;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SourceOnlyConnector;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;

/**
 * The {@code datagen} connector: a generated, seeded, throttled source with Flink's options (see
 * {@link DataGenSpec}). It cannot be written. Stateless.
 */
public final class DataGenConnector extends SourceOnlyConnector {
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
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    return new DataGenReader(DataGenSpec.parse(table));
  }
}
