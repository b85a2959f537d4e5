/**
 * The job graph: a query's physical DAG as immutable records (sealed {@link
 * io.weir.engine.graph.OperatorSpec}s chained in vertices, joined by edges). The planner produces
 * it; the runtime deploys it; EXPLAIN prints it. No Calcite here. May import {@code data},
 * {@code errors} and {@code udf} (the function versions a spec calls).
 */
package io.weir.engine.graph;
