package io.weir.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks one overload of a scalar function. A scalar function is a public class with a public
 * no-argument constructor and one or more public methods carrying this annotation (ksqlDB's
 * shape); each method is one overload, chosen by SQL argument types. Instance methods run on an
 * instance the engine creates per query; static methods need no instance.
 *
 * <p>Types: see {@link SqlType} for how Java parameter and return types map to SQL types. A
 * primitive parameter never receives NULL: when the SQL argument is NULL the method is not called
 * and the result is NULL. A boxed parameter receives NULL as {@code null}.
 *
 * <p><b>Threading.</b> An instance is called by one thread at a time (the query's task thread),
 * so instance fields need no synchronization. <b>Failures.</b> An exception thrown by the method
 * fails the query with a message naming the function, the exception and the arguments; throw
 * {@link UdfException} with a clear message for bad input.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udf {
  /** What this overload computes. */
  String description() default "";

  /**
   * The SQL return type when the Java type alone does not say it, e.g. {@code "DECIMAL(10, 2)"}
   * for a {@code BigDecimal}, or {@code "TIMESTAMP_LTZ(3)"} for a {@code long} of epoch
   * milliseconds. Empty: derived from the Java return type.
   */
  String returns() default "";
}
