/**
 * How the engine reads a function class: its kind, its overloads and the SQL types of their
 * parameters and results ({@link io.weir.udf.reflect.FunctionInspector}). Authors rarely need it
 * directly; the test kit and the engine both use it, so a function that passes its tests maps to
 * SQL the same way at {@code CREATE FUNCTION}. JDK only.
 */
package io.weir.udf.reflect;
