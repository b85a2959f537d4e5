package io.weir.engine.udf;

import io.weir.udf.SqlType;
import io.weir.udf.reflect.JavaTypes;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Converts values between the engine's representation ({@code data.DataType}: timestamps as
 * epoch-millisecond {@code Long}s, arrays as {@code List}s) and the Java types a function
 * declares. Numbers widen leniently (an INT column passed to a {@code double} parameter).
 * Stateless; the functions it returns are thread-safe.
 */
final class Converters {
  /** Returned for identity conversions, so callers can skip them. */
  static final Function<Object, Object> IDENTITY = v -> v;

  private Converters() {}

  /** Engine value → the Java type of a parameter. */
  static Function<Object, Object> toJava(Type t, SqlType sql) {
    Class<?> c = JavaTypes.rawClass(t);
    if (c == double.class || c == Double.class) {
      return v -> v == null || v instanceof Double ? v : (Object) ((Number) v).doubleValue();
    }
    if (c == float.class || c == Float.class) {
      return v -> v == null || v instanceof Float ? v : (Object) ((Number) v).floatValue();
    }
    if (c == long.class || c == Long.class) {
      return v -> v == null || v instanceof Long ? v : (Object) ((Number) v).longValue();
    }
    if (c == int.class || c == Integer.class) {
      return v -> v == null || v instanceof Integer ? v : (Object) ((Number) v).intValue();
    }
    if (c == BigDecimal.class) {
      return v -> v == null || v instanceof BigDecimal ? v : decimal((Number) v);
    }
    if (c == Instant.class) {
      return v -> v == null ? null : Instant.ofEpochMilli((Long) v);
    }
    if (c == LocalDateTime.class) {
      return v -> v == null ? null : LocalDateTime.ofEpochSecond(Math.floorDiv((Long) v, 1000L),
          (int) Math.floorMod((Long) v, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
    if (c == List.class) {
      Function<Object, Object> element = toJava(elementType(t), sql.element());
      return v -> {
        if (v == null) {
          return null;
        }
        List<?> in = (List<?>) v;
        List<Object> out = new ArrayList<>(in.size());
        for (Object o : in) {
          out.add(element.apply(o));
        }
        return out;
      };
    }
    if (c.isArray()) {
      Class<?> component = c.getComponentType();
      Function<Object, Object> element = toJava(elementType(t), sql.element());
      return v -> {
        if (v == null) {
          return null;
        }
        List<?> in = (List<?>) v;
        Object array = Array.newInstance(component, in.size());
        for (int i = 0; i < in.size(); i++) {
          Object e = element.apply(in.get(i));
          if (e == null && component.isPrimitive()) {
            throw new IllegalArgumentException("a NULL element cannot go into a "
                + component.getName() + "[] parameter");
          }
          Array.set(array, i, e);
        }
        return array;
      };
    }
    return IDENTITY;
  }

  /** A function's Java result → the engine value of its declared SQL type. */
  static Function<Object, Object> toEngine(SqlType sql) {
    return switch (sql.kind()) {
      case BOOLEAN -> v -> v == null ? null : (Boolean) v;
      case INT -> v -> v == null || v instanceof Integer ? v : (Object) ((Number) v).intValue();
      case BIGINT -> v -> v == null || v instanceof Long ? v : (Object) ((Number) v).longValue();
      case FLOAT -> v -> v == null || v instanceof Float ? v : (Object) ((Number) v).floatValue();
      case DOUBLE -> v -> v == null || v instanceof Double ? v : (Object) ((Number) v).doubleValue();
      case DECIMAL -> v -> v == null ? null : decimal((Number) v).setScale(sql.scale(), RoundingMode.HALF_UP);
      case STRING -> v -> v == null ? null : (String) v;
      case TIMESTAMP -> v -> v == null ? null : v instanceof LocalDateTime t
          ? (Object) (t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000) : (Long) v;
      case TIMESTAMP_LTZ -> v -> v == null ? null : v instanceof Instant i
          ? (Object) i.toEpochMilli() : (Long) v;
      case ARRAY -> {
        Function<Object, Object> element = toEngine(sql.element());
        yield v -> {
          if (v == null) {
            return null;
          }
          List<Object> out = new ArrayList<>();
          if (v instanceof List<?> list) {
            for (Object o : list) {
              out.add(element.apply(o));
            }
          } else {
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
              out.add(element.apply(Array.get(v, i)));
            }
          }
          return out;
        };
      }
    };
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private static Type elementType(Type t) {
    if (t instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    if (t instanceof GenericArrayType g) {
      return g.getGenericComponentType();
    }
    if (t instanceof Class<?> c && c.isArray()) {
      return c.getComponentType();
    }
    return Object.class;
  }

  /** A short text of a value for error messages. */
  static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
