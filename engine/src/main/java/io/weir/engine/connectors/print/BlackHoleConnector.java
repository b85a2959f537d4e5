package io.weir.engine.connectors.print;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SinkOnlyConnector;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import java.util.List;
import java.util.Set;

/**
 * The {@code blackhole} connector: a sink that discards every row (for benchmarks), see {@link
 * BlackHoleSinkWriter}. It cannot be read. Stateless.
 */
public final class BlackHoleConnector extends SinkOnlyConnector {
  public static final String NAME = "blackhole";

  @Override
  public String name() {
    return NAME;
  }


  @Override
  public void validate(TableDescriptor table) {
    Connectors.checkKnownOptions(table, Set.of("sink.parallelism"), List.of());
  }


  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    return new BlackHoleSinkWriter();
  }
}
