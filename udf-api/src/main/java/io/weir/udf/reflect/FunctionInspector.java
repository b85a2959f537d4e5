package io.weir.udf.reflect;

import io.weir.udf.AggregateFunction;
import io.weir.udf.ModelFunction;
import io.weir.udf.SqlType;
import io.weir.udf.Udf;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;
import io.weir.udf.WindowFunction;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a function class as the engine does at {@code CREATE FUNCTION}: finds its kind, its
 * overloads and their SQL types, and reports every problem at once. Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@link ModelFunction}{@code <I, O>} → MODEL, {@link WindowFunction}{@code <I, O>} →
 *       WINDOW, {@link AggregateFunction}{@code <I, A, O>} → AGGREGATE: {@code I} is one mappable
 *       type (one argument) or a record (its components are the arguments, in order); the type
 *       arguments must be concrete in the class's declaration.
 *   <li>Public methods annotated {@link Udf} → SCALAR, one overload each; two overloads may not
 *       take the same SQL types.
 *   <li>The class must be public, concrete, top-level or static, with a public no-argument
 *       constructor (a scalar class whose methods are all static needs none).
 * </ul>
 */
public final class FunctionInspector {
  private FunctionInspector() {}

  /**
   * The definition of {@code c}.
   *
   * @throws UdfDefinitionException listing every problem, each naming the method or parameter
   */
  public static FunctionDefinition inspect(Class<?> c) {
    List<String> problems = new ArrayList<>();
    UdfDescription about = c.getAnnotation(UdfDescription.class);
    String suggested = about == null ? "" : about.name();
    String description = about == null ? "" : about.description();
    List<FunctionKind> kinds = new ArrayList<>();
    if (ModelFunction.class.isAssignableFrom(c)) {
      kinds.add(FunctionKind.MODEL);
    }
    if (WindowFunction.class.isAssignableFrom(c)) {
      kinds.add(FunctionKind.WINDOW);
    }
    if (AggregateFunction.class.isAssignableFrom(c)) {
      kinds.add(FunctionKind.AGGREGATE);
    }
    List<Method> udfMethods = new ArrayList<>();
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Udf.class)) {
        udfMethods.add(m);
      }
    }
    for (Method m : c.getMethods()) {
      if (m.getDeclaringClass() != c && m.isAnnotationPresent(Udf.class)) {
        udfMethods.add(m);
      }
    }
    if (!udfMethods.isEmpty()) {
      kinds.add(FunctionKind.SCALAR);
    }
    if (kinds.isEmpty()) {
      throw new UdfDefinitionException(c.getName(), List.of("it is no kind of function: annotate "
          + "public methods with @io.weir.udf.Udf (a scalar function), or implement "
          + "io.weir.udf.AggregateFunction, io.weir.udf.WindowFunction or io.weir.udf.ModelFunction"));
    }
    if (kinds.size() > 1) {
      throw new UdfDefinitionException(c.getName(), List.of("it is several kinds of function at "
          + "once (" + kinds + "); a class must be exactly one"));
    }
    FunctionKind kind = kinds.get(0);
    checkClass(c, problems);
    List<Signature> signatures = new ArrayList<>();
    switch (kind) {
      case SCALAR -> {
        udfMethods.sort(Comparator.comparing(Method::getName)
            .thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        boolean needsInstance = false;
        for (Method m : udfMethods) {
          Signature s = scalar(m, problems);
          if (s != null) {
            signatures.add(s);
          }
          needsInstance |= !Modifier.isStatic(m.getModifiers());
        }
        if (needsInstance) {
          checkConstructor(c, problems);
        }
        checkDistinct(signatures, problems);
      }
      case AGGREGATE -> {
        checkConstructor(c, problems);
        Type[] args = typeArguments(c, AggregateFunction.class, problems);
        if (args != null) {
          List<Parameter> params = inputParameters(args[0], "input type I", problems);
          SqlType result = JavaTypes.sqlType(args[2], null, "result type O", problems);
          checkAccumulator(args[1], problems);
          if (params != null && result != null) {
            signatures.add(new Signature(params, result, args[2], null, args[0], args[1], ""));
          }
        }
      }
      case WINDOW, MODEL -> {
        checkConstructor(c, problems);
        Class<?> iface = kind == FunctionKind.WINDOW ? WindowFunction.class : ModelFunction.class;
        Type[] args = typeArguments(c, iface, problems);
        if (args != null) {
          List<Parameter> params = inputParameters(args[0], "input type I", problems);
          SqlType result = JavaTypes.sqlType(args[1], null, "result type O", problems);
          if (params != null && result != null) {
            signatures.add(new Signature(params, result, args[1], null, args[0], null, ""));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UdfDefinitionException(c.getName(), problems);
    }
    return new FunctionDefinition(c, kind, suggested, description, signatures);
  }

  private static void checkClass(Class<?> c, List<String> problems) {
    if (!Modifier.isPublic(c.getModifiers())) {
      problems.add("the class must be public");
    }
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
      problems.add("the class must be concrete, not abstract or an interface");
    }
    if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
      problems.add("a nested function class must be static");
    }
  }

  private static void checkConstructor(Class<?> c, List<String> problems) {
    try {
      if (!Modifier.isPublic(c.getConstructor().getModifiers())) {
        problems.add("the class needs a public no-argument constructor");
      }
    } catch (NoSuchMethodException e) {
      problems.add("the class needs a public no-argument constructor");
    }
  }

  private static Signature scalar(Method m, List<String> problems) {
    String where = "method " + m.getName();
    if (!Modifier.isPublic(m.getModifiers())) {
      problems.add(where + " is annotated @Udf but is not public");
      return null;
    }
    if (m.isVarArgs()) {
      problems.add(where + ": variable arguments are not supported; declare one overload per arity");
      return null;
    }
    Udf udf = m.getAnnotation(Udf.class);
    List<Parameter> params = new ArrayList<>();
    int before = problems.size();
    java.lang.reflect.Parameter[] ps = m.getParameters();
    Type[] types = m.getGenericParameterTypes();
    for (int i = 0; i < ps.length; i++) {
      UdfParameter up = ps[i].getAnnotation(UdfParameter.class);
      String name = up != null && !up.value().isBlank() ? up.value() : ps[i].getName();
      SqlType t = JavaTypes.sqlType(types[i], up == null ? null : up.type(),
          where + ", parameter " + (i + 1) + " '" + name + "'", problems);
      params.add(new Parameter(name, up == null ? "" : up.description(), t, types[i]));
    }
    if (m.getReturnType() == void.class) {
      problems.add(where + " returns void; a function must return a value");
      return null;
    }
    SqlType ret = JavaTypes.sqlType(m.getGenericReturnType(), udf.returns(),
        where + ", return type", problems);
    if (problems.size() > before || ret == null) {
      return null;
    }
    return new Signature(params, ret, m.getGenericReturnType(), m, null, null, udf.description());
  }

  private static void checkDistinct(List<Signature> signatures, List<String> problems) {
    Map<List<SqlType.Kind>, Signature> seen = new HashMap<>();
    for (Signature s : signatures) {
      List<SqlType.Kind> key = s.parameters().stream().map(p -> p.type().kind()).toList();
      Signature other = seen.putIfAbsent(key, s);
      if (other != null) {
        problems.add("methods " + other.method().getName() + " and " + s.method().getName()
            + " both take " + key + "; SQL could not choose between them");
      }
    }
  }

  /** The parameters an input type stands for: a record's components, or the one value. */
  private static List<Parameter> inputParameters(Type input, String where, List<String> problems) {
    if (input instanceof Class<?> c && c.isRecord()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        problems.add(where + ": record " + c.getName() + " must be public");
        return null;
      }
      List<Parameter> params = new ArrayList<>();
      int before = problems.size();
      for (RecordComponent rc : c.getRecordComponents()) {
        UdfParameter up = rc.getAnnotation(UdfParameter.class);
        String name = up != null && !up.value().isBlank() ? up.value() : rc.getName();
        SqlType t = JavaTypes.sqlType(rc.getGenericType(), up == null ? null : up.type(),
            where + ", record component '" + rc.getName() + "'", problems);
        params.add(new Parameter(name, up == null ? "" : up.description(), t, rc.getGenericType()));
      }
      if (params.isEmpty()) {
        problems.add(where + ": record " + c.getName() + " has no components");
      }
      return problems.size() > before ? null : params;
    }
    SqlType t = JavaTypes.sqlType(input, null, where, problems);
    return t == null ? null : List.of(new Parameter("arg0", "", t, input));
  }

  private static void checkAccumulator(Type a, List<String> problems) {
    Class<?> raw = JavaTypes.rawClass(a);
    if (a instanceof TypeVariable<?>) {
      problems.add("accumulator type A: " + a.getTypeName() + " is not concrete");
      return;
    }
    if (raw.isPrimitive() || raw.isArray() || Serializable.class.isAssignableFrom(raw)
        || (raw.isInterface() && raw.getName().startsWith("java.util."))) {
      return;
    }
    problems.add("accumulator type A: " + raw.getName() + " must implement java.io.Serializable "
        + "(the engine stores accumulators between batches)");
  }

  /** The actual type arguments of {@code target} as {@code c} implements it, or null. */
  static Type[] typeArguments(Class<?> c, Class<?> target, List<String> problems) {
    Type[] found = resolve(c, target, new HashMap<>());
    if (found == null) {
      problems.add("implements " + target.getSimpleName() + " without type arguments; declare "
          + "them, e.g. 'implements " + target.getSimpleName() + "<Input, Double>'");
      return null;
    }
    for (Type t : found) {
      if (t instanceof TypeVariable<?>) {
        problems.add("the type arguments of " + target.getSimpleName() + " must be concrete in "
            + c.getName() + ", got " + Arrays.toString(found));
        return null;
      }
    }
    return found;
  }

  private static Type[] resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw = JavaTypes.rawClass(type);
    Map<TypeVariable<?>, Type> local = new HashMap<>(bindings);
    if (type instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] actual = p.getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        local.put(vars[i], substitute(actual[i], bindings));
      }
    }
    if (raw == target) {
      if (!(type instanceof ParameterizedType p)) {
        return null;
      }
      Type[] args = p.getActualTypeArguments().clone();
      for (int i = 0; i < args.length; i++) {
        args[i] = substitute(args[i], bindings);
      }
      return args;
    }
    List<Type> supers = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
    if (raw.getGenericSuperclass() != null) {
      supers.add(raw.getGenericSuperclass());
    }
    for (Type s : supers) {
      if (target.isAssignableFrom(JavaTypes.rawClass(s))) {
        Type[] r = resolve(s, target, local);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof TypeVariable<?> v && bindings.containsKey(v)) {
      return bindings.get(v);
    }
    return t;
  }
}
