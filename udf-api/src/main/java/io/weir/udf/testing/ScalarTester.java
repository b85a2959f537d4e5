package io.weir.udf.testing;

import io.weir.udf.FunctionContext;
import io.weir.udf.reflect.FunctionDefinition;
import io.weir.udf.reflect.FunctionInspector;
import io.weir.udf.reflect.FunctionKind;
import io.weir.udf.reflect.JavaTypes;
import io.weir.udf.reflect.Signature;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a scalar function the way the engine does: the class is inspected with the engine's
 * type mapping (a class the engine would refuse fails here too), an instance is created and
 * opened, an overload is chosen by the arguments, and a NULL for a primitive parameter gives
 * NULL without a call.
 *
 * <pre>{@code
 * try (ScalarTester t = ScalarTester.of(CelsiusToFahrenheit.class)) {
 *   assertEquals(212.0, t.call(100.0));
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ScalarTester implements AutoCloseable {
  private final FunctionDefinition definition;
  private final Object instance;

  private ScalarTester(FunctionDefinition definition, Object instance) {
    this.definition = definition;
    this.instance = instance;
  }

  public static ScalarTester of(Class<?> functionClass) {
    return of(functionClass, TestContext.of(functionClass.getSimpleName()));
  }

  public static ScalarTester of(Class<?> functionClass, FunctionContext context) {
    FunctionDefinition def = FunctionInspector.inspect(functionClass);
    if (def.kind() != FunctionKind.SCALAR) {
      throw new AssertionError(functionClass.getName() + " is a " + def.kind()
          + " function, not a scalar one");
    }
    Object instance = def.needsInstance() ? Instances.create(functionClass) : null;
    Instances.open(instance, context);
    return new ScalarTester(def, instance);
  }

  public FunctionDefinition definition() {
    return definition;
  }

  /**
   * Calls the overload whose parameters take these arguments (each null or of the parameter's
   * boxed class).
   */
  public Object call(Object... args) {
    Signature s = choose(args);
    Method m = s.method();
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && types[i].isPrimitive()) {
        return null;
      }
    }
    try {
      return m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(m.getName() + " threw " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot call " + m, e);
    }
  }

  private Signature choose(Object[] args) {
    List<Signature> fits = new ArrayList<>();
    for (Signature s : definition.signatures()) {
      Class<?>[] types = s.method().getParameterTypes();
      if (types.length != args.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < types.length && ok; i++) {
        ok = args[i] == null || box(types[i]).isInstance(args[i]);
      }
      if (ok) {
        fits.add(s);
      }
    }
    if (fits.size() != 1) {
      throw new AssertionError((fits.isEmpty() ? "no overload" : "several overloads " + fits)
          + " of " + definition.functionClass().getName() + " take " + java.util.Arrays.toString(args)
          + "; overloads: " + definition.signatures());
    }
    return fits.get(0);
  }

  static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return JavaTypes.rawClass(c);
    }
    return switch (c.getName()) {
      case "boolean" -> Boolean.class;
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "float" -> Float.class;
      case "double" -> Double.class;
      default -> c;
    };
  }

  @Override
  public void close() {
    Instances.close(instance);
  }
}
