package io.weir.engine;

import io.weir.engine.data.Field;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.ScoreSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.sql.ddl.SqlCreateFunction;
import io.weir.engine.sql.ddl.SqlDescribeFunction;
import io.weir.engine.sql.ddl.SqlDropFunction;
import io.weir.engine.udf.FunctionDef;
import io.weir.engine.udf.FunctionSignature;
import io.weir.engine.udf.JarInfo;
import io.weir.engine.udf.PoolOptions;
import io.weir.engine.udf.UdfManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] FUNCTION}, {@code DROP FUNCTION}, {@code SHOW FUNCTIONS} and {@code
 * DESCRIBE FUNCTION} against the engine's {@link UdfManager}, and the start-time checks of a
 * query's function options. Stateless; errors are user {@link WeirException}s at the position of
 * the offending text.
 */
final class FunctionStatements {
  private FunctionStatements() {}

  static StatementResult create(SqlCreateFunction create, String text, UdfManager udfs) {
    String name = create.getName().toString();
    if (!create.getName().isSimple()) {
      throw at(create.getName().getParserPosition(), "a function name is one identifier, got '"
          + name + "'");
    }
    List<String> jarRefs = create.getJars();
    if (jarRefs.isEmpty()) {
      throw at(create.getParserPosition(), "CREATE FUNCTION " + name + " needs USING JAR 'name': "
          + "upload the jar first (weir jar upload FILE --name NAME), then name it here");
    }
    if (jarRefs.size() > 1) {
      throw at(create.getJarNodes().get(1).getParserPosition(), "a function comes from one jar; "
          + "bundle its libraries into that jar (got " + jarRefs.size() + " jars)");
    }
    JarInfo jar;
    try {
      jar = udfs.jars().resolve(jarRefs.get(0));
    } catch (WeirException e) {
      throw at(create.getJarNodes().get(0).getParserPosition(), e.getMessage());
    }
    FunctionDef def;
    try {
      def = udfs.define(name, create.getClassName(), jar.ref(), create.getOptions());
    } catch (WeirException e) {
      if (e.kind() != WeirException.Kind.USER) {
        throw e;
      }
      SqlParserPos pos = e.getMessage().contains("option")
          ? (create.getOptionNodes().isEmpty() ? create.getParserPosition()
              : create.getOptionNodes().get(0).getParserPosition())
          : create.getClassNameNode().getParserPosition();
      throw at(pos, e.getMessage());
    }
    FunctionDef before = udfs.functions().get(name);
    boolean created = udfs.functions().put(def, create.getReplace(), create.isIfNotExists());
    if (before != null) {
      udfs.collectGarbage();
    }
    if (!created) {
      return new StatementResult.Done(text, "Function '" + name + "' already exists; kept.");
    }
    String kind = def.kind().name().toLowerCase(Locale.ROOT);
    String sigs = String.join("; ", def.signatures().stream().map(FunctionSignature::text).toList());
    return new StatementResult.Done(text, "Function '" + name + "' " + (before != null
        ? "replaced (running queries keep the version they started with)" : "created")
        + ": " + kind + " function " + sigs + ", class " + def.className() + " from jar '"
        + def.jarName() + "' (version " + def.jarSha256().substring(0, 12) + ").");
  }

  static StatementResult drop(SqlDropFunction drop, String text, UdfManager udfs) {
    String name = drop.getName().toString();
    if (!udfs.functions().drop(name)) {
      if (drop.isIfExists()) {
        return new StatementResult.Done(text, "Function '" + name + "' does not exist.");
      }
      throw at(drop.getName().getParserPosition(), "function '" + name + "' does not exist"
          + known(udfs));
    }
    udfs.collectGarbage();
    return new StatementResult.Done(text, "Function '" + name + "' dropped (running queries "
        + "keep using it until they stop).");
  }

  static StatementResult show(String text, UdfManager udfs) {
    List<List<Object>> rows = new ArrayList<>();
    for (FunctionDef f : udfs.functions().list()) {
      rows.add(List.of(f.name(), f.kind().name().toLowerCase(Locale.ROOT),
          String.join("; ", f.signatures().stream().map(FunctionSignature::text).toList()),
          f.className(), f.jarName() + "@" + f.jarSha256().substring(0, 12), f.description()));
    }
    return new StatementResult.Rows(text, List.of("function name", "kind", "signature", "class",
        "jar", "description"), rows);
  }

  static StatementResult describe(SqlDescribeFunction describe, String text, UdfManager udfs) {
    String name = describe.getName().toString();
    FunctionDef f = udfs.functions().get(name);
    if (f == null) {
      throw at(describe.getName().getParserPosition(), "function '" + name + "' does not exist"
          + known(udfs));
    }
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("name", f.name()));
    rows.add(List.of("kind", f.kind().name().toLowerCase(Locale.ROOT)));
    rows.add(List.of("description", f.description()));
    rows.add(List.of("class name", f.className()));
    rows.add(List.of("function language", "JAVA"));
    rows.add(List.of("jar", f.jarName() + "@" + f.jarSha256()));
    for (int i = 0; i < f.signatures().size(); i++) {
      FunctionSignature s = f.signatures().get(i);
      String label = f.signatures().size() == 1 ? "signature" : "signature " + (i + 1);
      rows.add(List.of(label, s.text() + (s.description().isEmpty() ? "" : " — " + s.description())));
      for (int p = 0; p < s.parameters().size(); p++) {
        Field param = s.parameters().get(p);
        String d = s.parameterDescriptions().get(p);
        rows.add(List.of("  parameter " + param.name(), param.type() + (d.isEmpty() ? "" : " — " + d)));
      }
    }
    if (f.pooled()) {
      rows.add(List.of("worker pool", udfs.defaults().with(f.options(), "function").toString()));
    }
    f.config().forEach((k, v) -> rows.add(List.of("config " + k, v)));
    return new StatementResult.Rows(text, List.of("info name", "info value"), rows);
  }

  /**
   * Checks a query's function options before it starts: properties parse, and the {@code
   * dead-letter} policy has a destination.
   */
  static void checkQuery(JobGraph graph, Map<String, String> props, UdfManager udfs) {
    SourceSpec source = null;
    for (JobGraph.Vertex v : graph.vertices()) {
      for (OperatorSpec spec : v.chain()) {
        if (spec instanceof SourceSpec s && source == null) {
          source = s;
        }
        if (spec instanceof ScoreSpec score) {
          FunctionDef f = score.function().function();
          PoolOptions o = udfs.defaults().resolve(f.options(), props, f.name());
          if (o.onError() == PoolOptions.OnError.DEAD_LETTER && !hasDeadLetters(source, props)) {
            throw WeirException.user("function '" + f.name() + "' has 'udf.on-error' = "
                + "'dead-letter', but the query has no dead-letter destination: set "
                + "'dead-letter.path' or 'dead-letter.topic' on table '"
                + (source == null ? "?" : source.table()) + "' or with SET");
          }
        }
      }
    }
  }

  private static boolean hasDeadLetters(SourceSpec source, Map<String, String> props) {
    for (String k : List.of("dead-letter.path", "dead-letter.topic")) {
      if (props.containsKey(k) || (source != null && source.options().containsKey(k))) {
        return true;
      }
    }
    return false;
  }

  private static String known(UdfManager udfs) {
    List<String> names = udfs.functions().list().stream().map(FunctionDef::name).toList();
    return names.isEmpty() ? "" : "; functions: " + names;
  }

  private static WeirException at(SqlParserPos pos, String message) {
    return pos == null || pos.getLineNum() <= 0 ? WeirException.user(message)
        : WeirException.sql(message, pos.getLineNum(), pos.getColumnNum());
  }
}
