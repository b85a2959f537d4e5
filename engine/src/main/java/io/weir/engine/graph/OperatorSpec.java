package io.weir.engine.graph;

import io.weir.engine.data.Schema;

/**
 * One step of a job, as an immutable description. The runtime turns each into an operator in
 * exactly one {@code switch}; EXPLAIN prints them.
 */
public sealed interface OperatorSpec permits SourceSpec, CalcSpec, WindowAggSpec, ScoreSpec, SinkSpec {
  /** The rows this step emits. */
  Schema outputSchema();

  /** One line for EXPLAIN, e.g. {@code WindowAggregate(window=HOP(...), keys=[$0], aggs=[COUNT(*)])}. */
  String explain();
}
