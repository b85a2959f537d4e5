package io.weir.engine.graph;

import io.weir.engine.data.DataType;
import io.weir.engine.udf.FunctionRef;
import java.util.List;

/**
 * One aggregate call of a window aggregation.
 *
 * @param kind which function
 * @param argIndex the argument's position in the input row; -1 for {@code COUNT(*)}
 * @param distinct {@code COUNT(DISTINCT x)} and friends
 * @param resultType the SQL result type (SUM of INT is INT, AVG of INT is INT, as in Flink)
 * @param name the output column's name
 * @param argIndexes for {@link Kind#UDAF} and {@link Kind#COLLECT}: the argument columns (for
 *     COLLECT the rowtime column first, then the window function's arguments); else empty
 * @param function for {@link Kind#UDAF} and {@link Kind#COLLECT}: the user function; else null
 */
public record AggCallSpec(Kind kind, int argIndex, boolean distinct, DataType resultType, String name,
    List<Integer> argIndexes, FunctionRef function) {

  /**
   * The aggregate functions: the built-ins; {@code UDAF}, a user aggregate function; {@code
   * COLLECT}, the rows of a window for a user window function (the output column then holds a
   * {@code List<Object[]>} of argument tuples in event-time order, which a following {@link
   * ScoreSpec} turns into the function's result).
   */
  public enum Kind { COUNT, SUM, AVG, MIN, MAX, UDAF, COLLECT }

  public AggCallSpec {
    argIndexes = argIndexes == null ? List.of() : List.copyOf(argIndexes);
  }

  /** A built-in aggregate call. */
  public AggCallSpec(Kind kind, int argIndex, boolean distinct, DataType resultType, String name) {
    this(kind, argIndex, distinct, resultType, name, List.of(), null);
  }

  @Override
  public String toString() {
    if (function != null) {
      return (kind == Kind.COLLECT ? "COLLECT:" : "") + function.function().name() + "("
          + String.join(", ", argIndexes.stream().map(i -> "$" + i).toList()) + ")";
    }
    String arg = argIndex < 0 ? "*" : (distinct ? "DISTINCT $" : "$") + argIndex;
    return kind + "(" + arg + ")";
  }
}
