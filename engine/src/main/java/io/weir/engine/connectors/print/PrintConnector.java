package io.weir.engine.connectors.print;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SinkOnlyConnector;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import java.util.List;
import java.util.Set;

/**
 * The {@code print} connector: a sink that prints rows to the server's {@link
 * ConnectorContext#stdout()} (or standard error with {@code standard-error} = true) in Flink's
 * format, see {@link PrintSinkWriter}. Options as Flink names them: {@code print-identifier},
 * {@code standard-error}, {@code sink.parallelism}. It cannot be read. Stateless.
 */
public final class PrintConnector extends SinkOnlyConnector {
  public static final String NAME = "print";
  private static final Set<String> KEYS = Set.of("print-identifier", "standard-error",
      "sink.parallelism");

  @Override
  public String name() {
    return NAME;
  }


  @Override
  public void validate(TableDescriptor table) {
    Connectors.checkKnownOptions(table, KEYS, List.of());
    table.booleanOption("standard-error", false);
    if (table.option("sink.parallelism") != null && table.longOption("sink.parallelism", 1) < 1) {
      throw WeirException.user("table '" + table.name() + "': option 'sink.parallelism' must "
          + "be at least 1, got '" + table.option("sink.parallelism") + "'");
    }
  }


  @Override
  public SinkWriter createWriter(TableDescriptor table, ConnectorContext context) {
    boolean stderr = table.booleanOption("standard-error", false);
    java.io.PrintStream out = stderr ? System.err : context.stdout();
    if (out == null) {
      throw WeirException.internal("no stdout in the connector context of table '"
          + table.name() + "'", null);
    }
    return new PrintSinkWriter(table.physicalSchema(), out, table.option("print-identifier"));
  }
}
