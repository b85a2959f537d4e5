/**
 * Window aggregation over slices: {@link io.weir.engine.operators.window.SliceAssigner} (the pure
 * window arithmetic), the accumulators of the built-in aggregates with their serialization, and
 * {@link io.weir.engine.operators.window.WindowAggregateOperator}. May import {@code data},
 * {@code errors}, {@code metrics}, {@code graph}, {@code operators}, {@code state} (the
 * interfaces, never {@code state.rocksdb}: the store comes in through a factory) and {@code udf}
 * (user aggregates).
 */
package io.weir.engine.operators.window;
