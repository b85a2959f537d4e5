package io.weir.engine.udf;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One overload of a function in engine types. A NOT NULL parameter is a Java primitive: a NULL
 * argument gives a NULL result without a call (scalar, model) or leaves the row out (aggregate,
 * window).
 *
 * @param parameters names and SQL types, in call order
 * @param parameterDescriptions one per parameter (empty when none was given)
 * @param returnType the declared result type
 * @param description of the overload
 */
public record FunctionSignature(List<Field> parameters, List<String> parameterDescriptions,
    DataType returnType, String description) {

  public FunctionSignature {
    parameters = List.copyOf(parameters);
    parameterDescriptions = List.copyOf(parameterDescriptions);
  }

  /** {@code (x DOUBLE NOT NULL, label STRING) -> DOUBLE}. */
  public String text() {
    return parameters.stream().map(f -> f.name() + " " + f.type())
        .collect(Collectors.joining(", ", "(", ")")) + " -> " + returnType;
  }
}
