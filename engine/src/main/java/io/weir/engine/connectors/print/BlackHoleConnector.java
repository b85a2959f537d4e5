package io.weir.engine.connectors.print;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import java.util.List;
import java.util.Set;

/**
 * The {@code blackhole} connector: a sink that discards every row (for benchmarks), see {@link
 * BlackHoleSinkWriter}. It cannot be read. Stateless.
 */
public final class BlackHoleConnector implements Connector {
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
  public boolean canRead() {
    return false;
  }

  @Override
  public boolean canWrite() {
    return true;
  }

  @Override
  public SourceReader createReader(TableDescriptor table, ConnectorContext context) {
    throw WeirException.user("table '" + table.name()
        + "' uses the blackhole connector, which discards rows; it cannot be read");
  }

  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    return new BlackHoleSinkWriter();
  }
}
