package io.weir.udf.reflect;

import io.weir.udf.SqlType;
import java.lang.reflect.Type;

/**
 * One parameter of a signature.
 *
 * @param name from {@link io.weir.udf.UdfParameter}, else the Java name
 * @param description from {@link io.weir.udf.UdfParameter}, or empty
 * @param type its SQL type
 * @param javaType the Java type the function receives
 */
public record Parameter(String name, String description, SqlType type, Type javaType) {
  @Override
  public String toString() {
    return name + " " + type;
  }
}
