package io.weir.engine.graph;

import io.weir.engine.data.Schema;
import java.util.Map;

/**
 * Writes rows to a table, or, when {@code table} is null, to the query's result stream (a bare
 * {@code SELECT}).
 */
public record SinkSpec(String table, Map<String, String> options, Schema schema) implements OperatorSpec {
  public SinkSpec {
    options = Map.copyOf(options);
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    return table == null
        ? "Sink(result stream)"
        : "Sink(table=" + table + ", connector=" + options.getOrDefault("connector", "?") + ")";
  }
}
