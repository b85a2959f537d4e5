package io.weir.engine.operators;

import io.weir.engine.metrics.QueryMetrics;
import java.nio.file.Path;

/** What the runtime gives an operator: its identity, metrics, state directory and side outputs. */
public interface OperatorContext {
  String queryId();

  /** Unique within the query, e.g. {@code "3-WindowAggregate"}. */
  String operatorId();

  QueryMetrics metrics();

  /** A directory this operator alone owns for its state (RocksDB lives here). */
  Path stateDirectory();

  /**
   * Hands over a row that arrived after every window it belongs to has fired. The runtime counts
   * it and writes it to the query's late-data destination when one is configured.
   */
  void lateRow(Object[] row);
}
