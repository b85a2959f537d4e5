package io.weir.udf.reflect;

import io.weir.udf.SqlType;
import io.weir.udf.SqlType.Kind;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The Java → SQL type mapping of {@link SqlType}, and the check that an annotated SQL type fits
 * the Java type it is written on. Stateless.
 */
public final class JavaTypes {
  private static final Map<Class<?>, Kind> SIMPLE = Map.ofEntries(
      Map.entry(boolean.class, Kind.BOOLEAN), Map.entry(Boolean.class, Kind.BOOLEAN),
      Map.entry(int.class, Kind.INT), Map.entry(Integer.class, Kind.INT),
      Map.entry(long.class, Kind.BIGINT), Map.entry(Long.class, Kind.BIGINT),
      Map.entry(float.class, Kind.FLOAT), Map.entry(Float.class, Kind.FLOAT),
      Map.entry(double.class, Kind.DOUBLE), Map.entry(Double.class, Kind.DOUBLE),
      Map.entry(BigDecimal.class, Kind.DECIMAL), Map.entry(String.class, Kind.STRING),
      Map.entry(Instant.class, Kind.TIMESTAMP_LTZ), Map.entry(LocalDateTime.class, Kind.TIMESTAMP));

  static final String SUPPORTED = "boolean, int, long, float, double (or their boxes), BigDecimal, "
      + "String, java.time.Instant, java.time.LocalDateTime, List<T> and arrays of these";

  private JavaTypes() {}

  /**
   * The SQL type of a Java type, or null with a problem added (naming {@code where}).
   *
   * @param annotated the SQL type an annotation gives, or empty/null
   */
  public static SqlType sqlType(Type javaType, String annotated, String where, List<String> problems) {
    SqlType derived = derive(javaType, where, problems);
    if (derived == null) {
      return null;
    }
    if (annotated == null || annotated.isBlank()) {
      return derived;
    }
    SqlType given;
    try {
      given = SqlType.parse(annotated);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
    if (!fits(given, javaType)) {
      problems.add(where + ": SQL type " + given + " does not fit Java type "
          + javaType.getTypeName() + " (it maps to " + derived + ")");
      return null;
    }
    boolean primitive = javaType instanceof Class<?> c && c.isPrimitive();
    return primitive ? given.notNull() : given;
  }

  /** The default SQL type of a Java type, or null with a problem added. */
  static SqlType derive(Type t, String where, List<String> problems) {
    if (t instanceof Class<?> c) {
      Kind k = SIMPLE.get(c);
      if (k != null) {
        SqlType s = SqlType.of(k);
        return c.isPrimitive() ? s.notNull() : s;
      }
      if (c.isArray()) {
        SqlType element = derive(c.getComponentType(), where + " (array element)", problems);
        return element == null ? null : SqlType.array(element);
      }
      problems.add(where + ": Java type " + c.getTypeName() + " has no SQL type; use " + SUPPORTED);
      return null;
    }
    if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
      SqlType element = derive(p.getActualTypeArguments()[0], where + " (list element)", problems);
      return element == null ? null : SqlType.array(element);
    }
    if (t instanceof GenericArrayType g) {
      SqlType element = derive(g.getGenericComponentType(), where + " (array element)", problems);
      return element == null ? null : SqlType.array(element);
    }
    if (t instanceof TypeVariable<?> || t instanceof WildcardType) {
      problems.add(where + ": the type " + t.getTypeName() + " is not concrete, so its SQL type is "
          + "unknown; declare a concrete type such as Double");
      return null;
    }
    problems.add(where + ": Java type " + t.getTypeName() + " has no SQL type; use " + SUPPORTED);
    return null;
  }

  /** Whether values of {@code sql} can be handed to (or taken from) Java type {@code t}. */
  static boolean fits(SqlType sql, Type t) {
    if (t instanceof Class<?> c) {
      if (c == long.class || c == Long.class) {
        return sql.kind() == Kind.BIGINT || sql.kind() == Kind.TIMESTAMP
            || sql.kind() == Kind.TIMESTAMP_LTZ;
      }
      Kind k = SIMPLE.get(c);
      if (k != null) {
        return sql.kind() == k;
      }
      if (c.isArray()) {
        return sql.kind() == Kind.ARRAY && fits(sql.element(), c.getComponentType());
      }
      return false;
    }
    if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
      return sql.kind() == Kind.ARRAY && fits(sql.element(), p.getActualTypeArguments()[0]);
    }
    if (t instanceof GenericArrayType g) {
      return sql.kind() == Kind.ARRAY && fits(sql.element(), g.getGenericComponentType());
    }
    return false;
  }

  /** The class of a type ({@code List} for {@code List<Double>}). */
  public static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
    }
    return Object.class;
  }
}
