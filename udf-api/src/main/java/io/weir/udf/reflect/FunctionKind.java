package io.weir.udf.reflect;

/** The four kinds of user-defined function. */
public enum FunctionKind {
  /** {@code @Udf} methods: one row's arguments → one value, on the query's thread. */
  SCALAR,
  /** {@link io.weir.udf.AggregateFunction}: accumulators per group and window slice. */
  AGGREGATE,
  /** {@link io.weir.udf.WindowFunction}: a window's rows → one value, on the worker pool. */
  WINDOW,
  /** {@link io.weir.udf.ModelFunction}: a batch of rows → one value per row, on the worker pool. */
  MODEL
}
