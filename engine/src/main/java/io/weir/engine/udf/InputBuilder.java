package io.weir.engine.udf;

import io.weir.udf.reflect.Parameter;
import io.weir.udf.reflect.Signature;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Function;

/**
 * Builds a function's input {@code I} from one row's argument values: a record through its
 * canonical constructor, or the single value. Thread-safe.
 */
final class InputBuilder {
  /** Returned when an argument is NULL for a primitive parameter: the row takes no part. */
  static final Object SKIP = new Object();

  private final MethodHandle constructor;
  private final Function<Object, Object>[] converters;
  private final boolean[] primitive;

  @SuppressWarnings("unchecked")
  InputBuilder(Signature s) {
    List<Parameter> params = s.parameters();
    this.converters = new Function[params.size()];
    this.primitive = new boolean[params.size()];
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      converters[i] = Converters.toJava(p.javaType(), p.type());
      primitive[i] = p.javaType() instanceof Class<?> c && c.isPrimitive();
    }
    if (s.inputIsRecord()) {
      Class<?> record = (Class<?>) s.inputType();
      RecordComponent[] rc = record.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
      }
      try {
        Constructor<?> c = record.getDeclaredConstructor(types);
        c.setAccessible(true);
        this.constructor = MethodHandles.lookup().unreflectConstructor(c)
            .asSpreader(Object[].class, rc.length)
            .asType(MethodType.methodType(Object.class, Object[].class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot use the canonical constructor of " + record.getName(), e);
      }
    } else {
      this.constructor = null;
    }
  }

  int arity() {
    return converters.length;
  }

  /** The input for one row's arguments (engine values), or {@link #SKIP}. */
  Object build(Object[] args) throws Throwable {
    return build(args, null);
  }

  /**
   * The input for the arguments at {@code columns} of {@code row} (all of {@code row}, in order,
   * when {@code columns} is null), or {@link #SKIP}: read in place, no argument tuple made.
   */
  Object build(Object[] row, int[] columns) throws Throwable {
    if (constructor == null) {
      Object v = row[columns == null ? 0 : columns[0]];
      if (v == null) {
        return primitive[0] ? SKIP : null;
      }
      return converters[0].apply(v);
    }
    int n = converters.length;
    Object[] converted = new Object[n];
    for (int i = 0; i < n; i++) {
      Object v = row[columns == null ? i : columns[i]];
      if (v == null) {
        if (primitive[i]) {
          return SKIP;
        }
      } else {
        converted[i] = converters[i].apply(v);
      }
    }
    return (Object) constructor.invokeExact(converted);
  }
}
