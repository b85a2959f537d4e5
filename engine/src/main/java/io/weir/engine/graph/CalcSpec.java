package io.weir.engine.graph;

import io.weir.engine.data.Schema;

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
 */
public record CalcSpec(Schema inputSchema, Schema outputSchema, String code, String explainText)
    implements OperatorSpec {

  @Override
  public String explain() {
    return "Calc(" + explainText + ")";
  }
}
