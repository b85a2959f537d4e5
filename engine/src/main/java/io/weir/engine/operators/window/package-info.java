/**
 * Window aggregation over slices: {@link io.weir.engine.operators.window.SliceAssigner} (the pure
 * window arithmetic), the built-in aggregates over flat accumulator tables (no object per entry)
 * with their serialization, the key dictionary that names grouping keys by int id, the running
 * windows that derive a sliding window from the previous one, and {@link
 * io.weir.engine.operators.window.WindowAggregateOperator}. May import {@code data},
 * {@code errors}, {@code metrics}, {@code graph}, {@code operators}, {@code state} (the
 * interfaces, never {@code state.rocksdb}: the store comes in through a factory) and {@code udf}
 * (user aggregates).
 */
package io.weir.engine.operators.window;
