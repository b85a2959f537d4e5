package io.weir.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a function class: its suggested SQL name and what it does. {@code DESCRIBE FUNCTION}
 * and {@code SHOW FUNCTIONS} show the description. Optional on every kind of function; the name
 * used in SQL is always the one given to {@code CREATE FUNCTION}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UdfDescription {
  /** The name the author suggests for {@code CREATE FUNCTION}, e.g. {@code anomaly_score}. */
  String name() default "";

  /** One or two sentences: what the function computes, its units, its null behaviour. */
  String description() default "";

  String author() default "";

  String version() default "";
}
