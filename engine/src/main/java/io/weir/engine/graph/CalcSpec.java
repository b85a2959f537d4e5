package io.weir.engine.graph;

import io.weir.engine.data.Schema;
import io.weir.engine.udf.FunctionRef;
import java.util.List;

/**
 * A filter and projection compiled to Java: {@code code} is the body of a class implementing
 * {@code io.weir.engine.operators.calc.RowFunction} (Calcite's code generation, compiled by
 * Janino when the query starts). It returns the output row, or null when the condition
 * rejects the input row.
 *
 * @param inputSchema the rows it reads
 * @param outputSchema the rows it emits
 * @param code the generated class body
 * @param explainText the filter and projections as Calcite prints them, for EXPLAIN
 * @param functions the scalar user functions the code calls: {@code udfs[i]}, a public field of
 *     the generated class, must hold the invoker of {@code functions.get(i)} before the first call
 */
public record CalcSpec(Schema inputSchema, Schema outputSchema, String code, String explainText,
    List<FunctionRef> functions) implements OperatorSpec {

  public CalcSpec {
    functions = functions == null ? List.of() : List.copyOf(functions);
  }

  /** A calc that calls no user function. */
  public CalcSpec(Schema inputSchema, Schema outputSchema, String code, String explainText) {
    this(inputSchema, outputSchema, code, explainText, List.of());
  }

  @Override
  public String explain() {
    return "Calc(" + explainText + ")";
  }
}
