package io.weir.engine.operators.calc;

import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.ScalarInvoker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;

/**
 * Compiles the class bodies the planner generates (see {@code graph.CalcSpec}) with Janino, once
 * per distinct body: queries that share an expression share its class.
 */
public final class RowFunctionCompiler {
  private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

  private RowFunctionCompiler() {}

  /** A new instance of the compiled function; compiles on first use of {@code code}. */
  public static RowFunction instantiate(String code) {
    Class<?> clazz = CLASSES.computeIfAbsent(code, RowFunctionCompiler::compile);
    try {
      return (RowFunction) clazz.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw WeirException.internal("cannot instantiate generated expression class", e);
    }
  }

  /**
   * A new instance of a calc's function, its scalar user functions wired: {@code functions}
   * gives the invoker of each (the query's {@code UdfSession}); it may be null when the calc
   * calls none.
   */
  public static RowFunction instantiate(CalcSpec spec, Function<FunctionRef, ScalarInvoker> functions) {
    RowFunction function = instantiate(spec.code());
    if (spec.functions().isEmpty()) {
      return function;
    }
    if (functions == null) {
      throw WeirException.internal("calc " + spec.explain() + " calls user functions but none "
          + "were given", null);
    }
    ScalarInvoker[] invokers = new ScalarInvoker[spec.functions().size()];
    for (int i = 0; i < invokers.length; i++) {
      invokers[i] = functions.apply(spec.functions().get(i));
    }
    try {
      function.getClass().getField("udfs").set(function, invokers);
    } catch (ReflectiveOperationException e) {
      throw WeirException.internal("generated calc has no 'udfs' field: " + e, e);
    }
    return function;
  }

  private static Class<?> compile(String code) {
    ClassBodyEvaluator cbe = new ClassBodyEvaluator();
    String name = "io.weir.engine.generated.Calc" + Integer.toHexString(code.hashCode());
    if (Boolean.getBoolean("weir.calc.dump")) {
      System.err.println("// " + name + "\n" + code); // -Dweir.calc.dump=true, for profiling
    }
    cbe.setClassName(name);
    cbe.setImplementedInterfaces(new Class<?>[] {RowFunction.class});
    cbe.setParentClassLoader(RowFunctionCompiler.class.getClassLoader());
    try {
      cbe.cook(code);
    } catch (CompileException e) {
      throw WeirException.internal("generated expression code does not compile: " + e.getMessage()
          + "\n" + code, e);
    }
    return cbe.getClazz();
  }
}
