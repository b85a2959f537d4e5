package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.engine.Engine;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.operators.calc.CalcOperator;
import io.weir.engine.plan.StreamPlanner;
import io.weir.engine.sql.parser.WeirSqlParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scalar user-function call costs inside a compiled calc: the same arithmetic as a
 * built-in expression ({@code v * 2 + 1}) and as a UDF ({@code lin(v)}: the generated code calls
 * {@code udfs[0].invoke(new Object[] {v})}, which converts, sets the context class loader, and
 * calls the method through a MethodHandle). A smoke size by default; {@code
 * -Dweir.bench.rows=20000000} for the report's numbers.
 */
class ScalarCallOverheadTest {
  @TempDir Path dir;

  static final String LIN = """
      package com.example.udf;
      import io.weir.udf.*;
      public class Lin {
        @Udf public double lin(double v) { return v * 2 + 1; }
      }
      """;

  @Test
  void builtinExpressionAgainstScalarUdf() throws Exception {
    int rows = Integer.getInteger("weir.bench.rows", 200_000);
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("data")))) {
      Path jar = TestJars.builder().source("com.example.udf.Lin", LIN).build(dir.resolve("lin.jar"));
      try (InputStream in = Files.newInputStream(jar)) {
        engine.udfs().putJar("lin", in);
      }
      Files.writeString(dir.resolve("in.jsonl"), "{\"v\":1.0}\n");
      engine.execute("CREATE FUNCTION lin AS 'com.example.udf.Lin' USING JAR 'lin';"
          + "CREATE TABLE t (v DOUBLE) WITH ('connector' = 'filesystem', 'path' = '"
          + dir.resolve("in.jsonl") + "', 'format' = 'json')");
      CalcSpec builtin = calc(engine, "SELECT v * 2 + 1 AS x FROM t WHERE v > -1");
      CalcSpec udf = calc(engine, "SELECT lin(v) AS x FROM t WHERE v > -1");
      assertEquals(1, udf.functions().size());
      try (UdfSession session = engine.udfs().openSession("bench", List.of(udf.functions().get(0).function()),
          Map.of(), new QueryMetrics())) {
        CalcOperator a = new CalcOperator(builtin);
        CalcOperator b = new CalcOperator(udf, session::scalar);
        RowBatch batch = new RowBatch(1024);
        for (int i = 0; i < 1024; i++) {
          batch.add(new Object[] {(double) i});
        }
        double[] sink = new double[1];
        for (int round = 0; round < 3; round++) {
          double nsBuiltin = time(a, batch, rows, sink);
          double nsUdf = time(b, batch, rows, sink);
          if (round == 2) {
            System.out.printf(Locale.ROOT, "scalar call, %d rows: built-in v*2+1 %.1f ns/row, "
                + "UDF lin(v) %.1f ns/row, overhead %.1f ns per call%n", rows, nsBuiltin, nsUdf,
                nsUdf - nsBuiltin);
          }
        }
        assertEquals(1.0, (Double) b.apply(new Object[] {0.0})[0]);
      }
    }
  }

  static CalcSpec calc(Engine engine, String sql) {
    JobGraph g = new StreamPlanner(engine.catalog())
        .plan(WeirSqlParser.parseScript(sql).get(0).node()).graph();
    for (JobGraph.Vertex v : g.vertices()) {
      for (OperatorSpec s : v.chain()) {
        if (s instanceof CalcSpec c) {
          return c;
        }
      }
    }
    throw new AssertionError("no calc in " + g.explain());
  }

  static double time(CalcOperator op, RowBatch batch, int rows, double[] sink) {
    long t0 = System.nanoTime();
    int done = 0;
    while (done < rows) {
      op.processBatch(batch, row -> sink[0] += (Double) row[0]);
      done += batch.size();
    }
    return (System.nanoTime() - t0) / (double) done;
  }
}
