package io.weir.engine.connectors.nexmark;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SourceOnlyConnector;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;

/**
 * The {@code nexmark} connector: the person, auction or bid stream of the Nexmark benchmark's
 * generator, with Flink's Nexmark options (see {@link NexmarkConfig}) and column names. It cannot
 * be written. Stateless.
 */
public final class NexmarkConnector extends SourceOnlyConnector {
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
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    return new NexmarkReader(NexmarkConfig.parse(table));
  }
}
