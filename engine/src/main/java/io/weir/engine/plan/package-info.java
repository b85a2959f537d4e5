/**
 * The planner: validates SQL with Calcite, converts it to relational algebra, rewrites window
 * aggregations ({@code StreamRules}), generates the Java of filters and projections, and
 * translates the optimized plan into a {@code graph.JobGraph}. The only package that uses
 * Calcite's planner; may import {@code sql}, {@code graph}, {@code data}, {@code errors} and the
 * interface the generated code implements ({@code operators.calc}).
 */
package io.weir.engine.plan;
