package io.weir.engine.operators.calc;

import io.weir.engine.Engine;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.plan.StreamPlanner;
import io.weir.engine.sql.parser.WeirSqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per row of expressions the planner compiles (Calcite's code generation, Janino):
 * the computed rowtime {@code TO_TIMESTAMP_LTZ(seq / 10, 3)}, Nexmark q1's {@code 0.908 *
 * price} (DECIMAL) and q2's filter {@code MOD(auction, 123) = 0}. The code is what the planner
 * generates for these queries, compiled as at run time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompiledExpressionBenchmark {
  static final int ROWS = 1024;

  @Param({"rowtime", "q1", "q2"})
  public String expression;

  private RowFunction function;
  private Object[][] rows;

  @Setup
  public void setup() throws IOException {
    String query = switch (expression) {
      case "rowtime" -> "SELECT seq FROM bid";
      case "q1" -> "SELECT auction, bidder, 0.908 * price AS price FROM bid";
      default -> "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
    };
    try (Engine engine = new Engine(Engine.Config.defaults(
        Files.createTempDirectory("weir-jmh-calc-")))) {
      engine.execute("CREATE TABLE bid (seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT, "
          + "ts AS TO_TIMESTAMP_LTZ(seq / 10, 3)) WITH ('connector' = 'datagen')");
      var node = WeirSqlParser.parseScript(query).get(0).node();
      JobGraph graph = new StreamPlanner(engine.catalog()).plan(node).graph();
      String code = null;
      for (JobGraph.Vertex v : graph.vertices()) {
        for (OperatorSpec s : v.chain()) {
          if (expression.equals("rowtime") && s instanceof SourceSpec src) {
            code = src.computedColumns().code();
          } else if (!expression.equals("rowtime") && s instanceof CalcSpec c) {
            code = c.code();
          }
        }
      }
      function = RowFunctionCompiler.instantiate(code);
    }
    SplittableRandom r = new SplittableRandom(5);
    rows = new Object[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      long auction = 1000 + r.nextInt(10_000);
      rows[i] = expression.equals("rowtime")
          ? new Object[] {1_000_000L + i, auction, 1L + r.nextInt(100_000), 1L + r.nextInt(100_000)}
          : new Object[] {1_000_000L + i, auction, 1L + r.nextInt(100_000),
              1L + r.nextInt(100_000), 100_000L + i};
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void apply(Blackhole bh) {
    RowFunction f = function;
    for (Object[] row : rows) {
      bh.consume(f.apply(row));
    }
  }
}
