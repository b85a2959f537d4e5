package io.weir.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and describes a parameter of a {@link Udf} method, or a component of the input record
 * of an aggregate, window or model function. Optional: without it the parameter's Java name is
 * used (compile with {@code -parameters}, or it is {@code arg0}, {@code arg1}, …).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface UdfParameter {
  /** The parameter's name as {@code DESCRIBE FUNCTION} shows it. */
  String value() default "";

  String description() default "";

  /**
   * The SQL type when the Java type alone does not say it, e.g. {@code "DECIMAL(10, 2)"} or
   * {@code "TIMESTAMP(3)"} for a {@code long} holding epoch milliseconds. Empty: derived from the
   * Java type (see {@link SqlType}).
   */
  String type() default "";
}
