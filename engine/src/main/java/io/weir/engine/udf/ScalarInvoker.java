package io.weir.engine.udf;

import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.udf.reflect.Parameter;
import io.weir.udf.reflect.Signature;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Function;

/**
 * Calls one overload of a scalar function from generated expression code: converts the engine
 * values to the method's Java types, gives NULL for a NULL primitive argument without a call,
 * sets the thread's context class loader to the function's jar, and converts the result back.
 * The compiled calc holds invokers in a field ({@code udfs[i].invoke(new Object[] {…})}).
 *
 * <p><b>Threading.</b> Called by the query's task thread only (the instance behind it is the
 * query's). <b>Failures.</b> An exception from the method fails the query: a user {@link
 * WeirException} naming the function, the arguments and what it threw.
 */
public final class ScalarInvoker {
  private final String function;
  private final MethodHandle handle;
  private final Function<Object, Object>[] converters;
  private final boolean[] convert;
  private final boolean[] primitive;
  private final Function<Object, Object> result;
  private final ClassLoader loader;
  private final FunctionMetrics metrics;
  private long calls;

  @SuppressWarnings("unchecked")
  ScalarInvoker(String function, Signature s, Object instance, ClassLoader loader,
      FunctionMetrics metrics) {
    this.function = function;
    this.loader = loader;
    this.metrics = metrics;
    Method m = s.method();
    List<Parameter> params = s.parameters();
    this.converters = new Function[params.size()];
    this.convert = new boolean[params.size()];
    this.primitive = new boolean[params.size()];
    for (int i = 0; i < params.size(); i++) {
      converters[i] = Converters.toJava(params.get(i).javaType(), params.get(i).type());
      convert[i] = needsConversion(m.getParameterTypes()[i]);
      primitive[i] = m.getParameterTypes()[i].isPrimitive();
    }
    this.result = Converters.toEngine(s.returnType());
    try {
      m.setAccessible(true);
      MethodHandle h = MethodHandles.lookup().unreflect(m);
      if (!Modifier.isStatic(m.getModifiers())) {
        h = h.bindTo(instance);
      }
      this.handle = h.asSpreader(Object[].class, params.size())
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw WeirException.internal("cannot prepare a call to " + m + ": " + e, e);
    }
  }

  /** Types whose engine value is already the Java value (no conversion per call). */
  private static boolean needsConversion(Class<?> c) {
    return !(c == String.class || c == Boolean.class || c == boolean.class);
  }

  /**
   * Calls the function with engine values (modified in place); returns the engine value of the
   * result.
   */
  public Object invoke(Object[] args) {
    for (int i = 0; i < args.length; i++) {
      Object v = args[i];
      if (v == null) {
        if (primitive[i]) {
          return null;
        }
      } else if (convert[i]) {
        args[i] = converters[i].apply(v);
      }
    }
    if ((++calls & 1023) == 0) {
      metrics.calls.add(1024);
      metrics.rows.add(1024);
    }
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    Object r;
    try {
      r = (Object) handle.invokeExact(args);
    } catch (Throwable e) {
      UserCode.rethrowFatal(e);
      metrics.errors.increment();
      throw WeirException.user("function '" + function + "' failed on ("
          + String.join(", ", java.util.Arrays.stream(args).map(Converters::show).toList())
          + "): " + UserCode.describe(e));
    } finally {
      t.setContextClassLoader(old);
    }
    try {
      return result.apply(r);
    } catch (ClassCastException e) {
      throw WeirException.user("function '" + function + "' returned " + Converters.show(r)
          + " (" + r.getClass().getName() + "), which does not fit its declared result type");
    }
  }

  /** Publishes the calls not yet counted (the count is kept in batches of 1024). */
  public void publish() {
    metrics.calls.add(calls & 1023);
    metrics.rows.add(calls & 1023);
    calls &= ~1023L;
  }
}
