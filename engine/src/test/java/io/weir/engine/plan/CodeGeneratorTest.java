package io.weir.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.operators.calc.RowFunctionCompiler;
import io.weir.engine.sql.parser.WeirSqlParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generated expression code looks like where it matters for speed, and what it computes. */
class CodeGeneratorTest {
  @TempDir Path dir;

  CalcSpec calc(String query) {
    try (Engine engine = new Engine(Engine.Config.defaults(dir))) {
      engine.execute("CREATE TABLE t (l BIGINT, i INT, s INT) WITH ('connector' = 'datagen', "
          + "'number-of-rows' = '1')");
      var node = WeirSqlParser.parseScript(query).get(0).node();
      JobGraph graph = new StreamPlanner(engine.catalog()).plan(node).graph();
      for (JobGraph.Vertex v : graph.vertices()) {
        for (OperatorSpec s : v.chain()) {
          if (s instanceof CalcSpec c) {
            return c;
          }
        }
      }
      throw new AssertionError("no calc in " + graph);
    }
  }

  @Test
  void modOfMixedWholeNumbersStaysInLongArithmeticAndKeepsItsType() {
    // Calcite picks SqlFunctions.mod by reflection; without operands of one type it took
    // mod(BigDecimal, int) on some runs.
    CalcSpec c = calc("SELECT MOD(l, 123), MOD(i, l), MOD(s, i), MOD(l, l) FROM t WHERE MOD(l, 7) = 0");
    assertFalse(c.code().contains("BigDecimal"), c.code());
    assertTrue(c.code().matches("(?s).*mod\\(input_value\\d*\\.longValue\\(\\), 123L\\).*"), c.code());
    var f = RowFunctionCompiler.instantiate(c.code());
    // MOD's type is its second operand's: INT, BIGINT, INT, BIGINT.
    assertArrayEquals(new Object[] {-700 % 123, 9L % -700L, 5 % 9, 0L},
        f.apply(new Object[] {-700L, 9, 5}));
    assertArrayEquals(null, f.apply(new Object[] {-701L, 9, 5}));
    // The result types are those SQL gives: MOD(BIGINT, INT) is an INT.
    Object[] out = f.apply(new Object[] {7_000_000_000_007L, 1_000_000, 3});
    assertTrue(out[0] instanceof Integer, out[0].getClass().getName());
  }
}
