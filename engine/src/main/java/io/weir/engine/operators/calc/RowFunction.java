package io.weir.engine.operators.calc;

/**
 * A compiled filter-and-projection: the interface the planner's generated code implements.
 * Instances are not thread-safe; each task compiles or instantiates its own.
 */
public interface RowFunction {
  /** The projected row, or null when the filter rejects {@code row}. */
  Object[] apply(Object[] row);
}
