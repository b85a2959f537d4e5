package io.weir.engine.graph;

import io.weir.engine.data.Schema;
import io.weir.engine.udf.FunctionRef;
import java.util.List;

/**
 * Calls a model or window function on the worker pool, in batches, keeping rows in input order
 * and watermarks behind the rows before them.
 *
 * <ul>
 *   <li>{@link Mode#MODEL}: the arguments are {@code argIndexes} of each row; the result is
 *       appended as a new last column.
 *   <li>{@link Mode#WINDOW}: column {@code column} holds a window's argument tuples (from a
 *       {@code COLLECT} aggregate call); it is replaced by the result.
 * </ul>
 *
 * @param function the function version and overload
 * @param mode see above
 * @param argIndexes the argument columns (MODEL), else empty
 * @param column the column replaced (WINDOW), else -1
 * @param inputSchema the rows it reads
 * @param outputSchema the rows it emits
 */
public record ScoreSpec(FunctionRef function, Mode mode, List<Integer> argIndexes, int column,
    Schema inputSchema, Schema outputSchema) implements OperatorSpec {

  /** How the function's inputs and result sit in the row. */
  public enum Mode { MODEL, WINDOW }

  public ScoreSpec {
    argIndexes = List.copyOf(argIndexes);
  }

  @Override
  public String explain() {
    String args = mode == Mode.MODEL
        ? String.join(", ", argIndexes.stream().map(i -> "$" + i).toList())
        : "rows of $" + column;
    return "Score(function=" + function.function().name() + ", kind="
        + function.function().kind().name().toLowerCase(java.util.Locale.ROOT) + ", args=[" + args
        + "], jar=" + function.function().jarName() + "@"
        + function.function().jarSha256().substring(0, 12) + ")";
  }
}
