package io.weir.udf.reflect;

import io.weir.udf.SqlType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One overload of a function: its parameters, its result, and how the engine calls it.
 *
 * @param parameters in call order
 * @param returnType the SQL type of the result
 * @param returnJavaType the Java type the function returns ({@code O} for the interface kinds)
 * @param method the {@code @Udf} method (scalar functions), else null
 * @param inputType the Java type of one input ({@code I}): a record whose components are the
 *     parameters, or the single parameter's type; null for scalar functions
 * @param accumulatorType the accumulator type {@code A} of an aggregate, else null
 * @param description from {@link io.weir.udf.Udf}, or empty
 */
public record Signature(List<Parameter> parameters, SqlType returnType, Type returnJavaType,
    Method method, Type inputType, Type accumulatorType, String description) {

  public Signature {
    parameters = List.copyOf(parameters);
  }

  /** Whether the input {@code I} is a record of the parameters (else it is the one parameter). */
  public boolean inputIsRecord() {
    return inputType instanceof Class<?> c && c.isRecord();
  }

  /** {@code (x DOUBLE NOT NULL, label STRING) -> DOUBLE}. */
  public String text() {
    return parameters.stream().map(Parameter::toString).collect(Collectors.joining(", ", "(", ")"))
        + " -> " + returnType;
  }

  @Override
  public String toString() {
    return text();
  }
}
