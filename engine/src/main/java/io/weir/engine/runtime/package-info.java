/**
 * Runs job graphs: one task per query reads its source, tracks watermarks per split, routes late
 * and malformed records, pushes batches through the chained operators into the sink, and
 * commits progress. Imports {@code graph}, {@code operators}, {@code state}, {@code connectors},
 * {@code metrics}; never Calcite's planner, {@code plan} or {@code sql}.
 */
package io.weir.engine.runtime;
