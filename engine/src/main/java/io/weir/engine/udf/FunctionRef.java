package io.weir.engine.udf;

/**
 * One overload of one function version, as a plan refers to it: the definition (with its jar's
 * content hash, so a running query keeps its version) and the overload's index.
 */
public record FunctionRef(FunctionDef function, int signature) {
  public FunctionSignature signatureDef() {
    return function.signatures().get(signature);
  }

  @Override
  public String toString() {
    return function.name() + signatureDef().text();
  }
}
