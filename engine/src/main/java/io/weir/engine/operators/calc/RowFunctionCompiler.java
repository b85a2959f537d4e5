package io.weir.engine.operators.calc;

import io.weir.engine.errors.WeirException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
