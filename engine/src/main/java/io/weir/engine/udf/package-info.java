/**
 * User-defined functions in the engine: the content-addressed {@link io.weir.engine.udf.JarStore},
 * one {@link io.weir.engine.udf.UdfClassLoader} per jar version (its parent exposes only the JDK
 * and {@code udf-api}), the {@link io.weir.engine.udf.FunctionRegistry} that {@code CREATE
 * FUNCTION} fills, the Java ↔ SQL value conversions, the invokers that call user code with the
 * jar's context class loader, and the shared {@link io.weir.engine.udf.WorkerPool}. {@link
 * io.weir.engine.udf.UdfManager} is the facade the engine holds.
 *
 * <p>The lowest layer of the engine's arrows: it may import {@code data}, {@code errors},
 * {@code metrics} and {@code io.weir.udf} (the API) — never {@code sql}, {@code plan}, {@code
 * graph}, {@code runtime}, {@code operators}, {@code state} or {@code connectors}, and no Calcite.
 */
package io.weir.engine.udf;
