package io.weir.engine.graph;

import io.weir.engine.data.DataType;

/**
 * One aggregate call of a window aggregation.
 *
 * @param kind which function
 * @param argIndex the argument's position in the input row; -1 for {@code COUNT(*)}
 * @param distinct {@code COUNT(DISTINCT x)} and friends
 * @param resultType the SQL result type (SUM of INT is INT, AVG of INT is INT, as in Flink)
 * @param name the output column's name
 */
public record AggCallSpec(Kind kind, int argIndex, boolean distinct, DataType resultType, String name) {

  /** The built-in aggregate functions. */
  public enum Kind { COUNT, SUM, AVG, MIN, MAX }

  @Override
  public String toString() {
    String arg = argIndex < 0 ? "*" : (distinct ? "DISTINCT $" : "$") + argIndex;
    return kind + "(" + arg + ")";
  }
}
