package io.weir.engine.operators;

/**
 * Where an operator puts its results. Rows are buffered by the runtime and handed to the next
 * operator as a batch once the current call returns, so {@link #collect} is cheap.
 */
public interface Output {
  /** Emits one row. The row must not be modified afterwards. */
  void collect(Object[] row);
}
