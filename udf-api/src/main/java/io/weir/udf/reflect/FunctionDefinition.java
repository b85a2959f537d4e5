package io.weir.udf.reflect;

import java.util.List;

/**
 * What {@link FunctionInspector} found in a function class.
 *
 * @param functionClass the class
 * @param kind its kind
 * @param suggestedName from {@link io.weir.udf.UdfDescription#name()}, or empty
 * @param description from {@link io.weir.udf.UdfDescription#description()}, or empty
 * @param signatures its overloads (exactly one for every kind but scalar)
 */
public record FunctionDefinition(Class<?> functionClass, FunctionKind kind, String suggestedName,
    String description, List<Signature> signatures) {

  public FunctionDefinition {
    signatures = List.copyOf(signatures);
  }

  /** Whether the engine needs an instance (false for a scalar class whose methods are all static). */
  public boolean needsInstance() {
    return kind != FunctionKind.SCALAR || signatures.stream()
        .anyMatch(s -> !java.lang.reflect.Modifier.isStatic(s.method().getModifiers()));
  }
}
