package io.weir.engine.udf;

import io.weir.udf.reflect.FunctionKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function created with {@code CREATE FUNCTION}, checked against its jar: immutable, so a plan
 * that holds it keeps exactly this version (the jar's content hash is part of it).
 *
 * @param name the SQL name (case-insensitive)
 * @param className the implementing class
 * @param jarName the jar's name
 * @param jarSha256 the jar version's content hash
 * @param kind what kind of function the class is
 * @param description from the class's {@code @UdfDescription}, or empty
 * @param signatures its overloads
 * @param options every {@code WITH} option: {@code udf.*} are the engine's, the rest the
 *     function's own configuration
 */
public record FunctionDef(String name, String className, String jarName, String jarSha256,
    FunctionKind kind, String description, List<FunctionSignature> signatures,
    Map<String, String> options) {

  public FunctionDef {
    signatures = List.copyOf(signatures);
    options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The options that are not the engine's: what {@code FunctionContext.config()} shows. */
  public Map<String, String> config() {
    Map<String, String> c = new LinkedHashMap<>();
    options.forEach((k, v) -> {
      if (!k.startsWith(PoolOptions.PREFIX)) {
        c.put(k, v);
      }
    });
    return c;
  }

  /** Whether it runs on the worker pool (model and window functions). */
  public boolean pooled() {
    return kind == FunctionKind.MODEL || kind == FunctionKind.WINDOW;
  }

  /**
   * The statement that re-creates exactly this version: {@code CREATE FUNCTION `f` AS 'cls'
   * LANGUAGE JAVA USING JAR 'name@sha256' [WITH (…)]}.
   */
  public String ddl() {
    StringBuilder sb = new StringBuilder("CREATE FUNCTION `").append(name.replace("`", "``"))
        .append("` AS ").append(literal(className)).append(" LANGUAGE JAVA USING JAR ")
        .append(literal(jarName + "@" + jarSha256));
    if (!options.isEmpty()) {
      sb.append(" WITH (");
      boolean first = true;
      for (Map.Entry<String, String> e : options.entrySet()) {
        sb.append(first ? "" : ", ").append(literal(e.getKey())).append(" = ")
            .append(literal(e.getValue()));
        first = false;
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
