package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.runtime.QueryState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of user function through the engine, from a real jar, over a real file source:
 * scalar calls compiled into calcs, a user aggregate and a window function in window
 * aggregations, a model function on the worker pool in several batch sizes, the error policies,
 * and the statements that manage functions.
 */
class EngineUdfTest {
  @TempDir Path dir;
  Engine engine;
  Path input;

  static final String ROWS = """
      {"name":"a","v":1.0,"w":1.0,"ts":"2024-01-01 00:00:01"}
      {"name":"b","v":2.0,"w":3.0,"ts":"2024-01-01 00:00:02"}
      {"name":"a","v":3.0,"w":1.0,"ts":"2024-01-01 00:00:04"}
      {"name":"a","v":5.0,"w":2.0,"ts":"2024-01-01 00:00:03"}
      {"name":"b","v":4.0,"w":1.0,"ts":"2024-01-01 00:00:07"}
      {"name":null,"v":null,"w":1.0,"ts":"2024-01-01 00:00:11"}
      {"name":"a","v":6.0,"w":1.0,"ts":"2024-01-01 00:00:12"}
      """;

  @BeforeEach
  void setUp() throws Exception {
    engine = new Engine(Engine.Config.defaults(dir.resolve("data")));
    Path jar = ExampleFunctions.jar(dir.resolve("examples.jar"));
    try (InputStream in = Files.newInputStream(jar)) {
      engine.udfs().putJar("examples", in);
    }
    input = dir.resolve("input.jsonl");
    Files.writeString(input, ROWS);
    engine.execute(table("t", input));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  static String table(String name, Path path) {
    return "CREATE TABLE " + name + " (name STRING, v DOUBLE, w DOUBLE, ts TIMESTAMP(3), "
        + "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'filesystem', "
        + "'path' = '" + path + "', 'format' = 'json')";
  }

  /** Runs a script whose last statement is a SELECT; returns its rows once it finished. */
  List<List<Object>> select(String script) throws Exception {
    Query q = start(script);
    assertTrue(q.await(60, TimeUnit.SECONDS), "query did not finish");
    assertEquals(QueryState.FINISHED, q.state(), () -> "query ended " + q.state() + ": " + q.error());
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] r : q.results().read(0, 1_000_000, 0).rows()) {
      rows.add(Arrays.asList(r));
    }
    return rows;
  }

  Query start(String script) {
    List<StatementResult> results = engine.execute(script);
    StatementResult last = results.get(results.size() - 1);
    assertTrue(last instanceof StatementResult.QueryStarted, "the script starts no query: " + last);
    return ((StatementResult.QueryStarted) last).query();
  }

  static final long DAY0 = 19_723; // 2024-01-01 in days since the epoch

  @Test
  void scalarFunctionsCompileIntoCalcsWithConfigOverloadsAndNulls() throws Exception {
    engine.execute("""
        CREATE FUNCTION shout AS 'com.example.udf.Text' USING JAR 'examples' WITH ('offset' = '0.5');
        CREATE FUNCTION days AS 'com.example.udf.Days' LANGUAGE JAVA USING JAR 'examples'
        """);
    List<List<Object>> rows = select(
        "SELECT shout(name) AS s, shout(v, 3) AS x, days(ts) AS d FROM t WHERE shout(w, 1) > 2 OR v IS NULL");
    assertEquals(List.of(
        List.of("B!", 6.5, DAY0),
        List.of("A!", 15.5, DAY0),
        Arrays.asList(null, null, DAY0)), rows);
    String plan = engine.explain("SELECT shout(name) FROM t");
    assertTrue(plan.contains("shout($0)"), plan);
  }

  @Test
  void computedColumnsCallScalarFunctionsButNotModels() throws Exception {
    engine.execute("CREATE FUNCTION shout AS 'com.example.udf.Text' USING JAR 'examples';"
        + "CREATE FUNCTION days AS 'com.example.udf.Days' USING JAR 'examples';"
        + "CREATE TABLE t2 (name STRING, v DOUBLE, w DOUBLE, ts TIMESTAMP(3), loud AS shout(name), "
        + "d AS days(ts), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ("
        + "'connector' = 'filesystem', 'path' = '" + input + "', 'format' = 'json')");
    assertEquals(List.of(List.of("A!", DAY0), List.of("A!", DAY0), List.of("A!", DAY0),
        List.of("A!", DAY0)), select("SELECT loud, d FROM t2 WHERE loud = 'A!'"));
    // The late check at the source evaluates shout too. Over v > 1: b at 2 and 7 s, a at 3 and 4 s in [0, 10); a at 12 s in [10, 20).
    assertEquals(List.of(List.of("A!", 2L), List.of("B!", 2L), List.of("A!", 1L)), select(
        "SELECT loud, COUNT(*) FROM TABLE(TUMBLE(TABLE t2, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
            + "WHERE shout(v, 1) > 1 GROUP BY loud, window_start, window_end"));

    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples'");
    WeirException model = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE TABLE t3 (v DOUBLE, x AS doubler(v)) WITH ('connector' = 'filesystem', "
            + "'path' = '" + input + "', 'format' = 'json'); SELECT x FROM t3"));
    assertTrue(model.getMessage().contains("computed columns cannot call model functions"),
        model.getMessage());
  }

  @Test
  void aggregateFunctionMergesSlicesOfTumbleAndHopWindows() throws Exception {
    engine.execute("CREATE FUNCTION weighted_avg AS 'com.example.udf.WeightedAvg' USING JAR 'examples'");
    List<List<Object>> tumble = select("""
        SELECT name, window_start, weighted_avg(v, w) AS avg_v
        FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY name, window_start, window_end""");
    assertEquals(List.of(
        List.of("a", 1704067200000L, 3.5),
        List.of("b", 1704067200000L, 2.5),
        List.of("a", 1704067210000L, 6.0),
        Arrays.asList(null, 1704067210000L, null)), sortByTime(tumble));
    List<List<Object>> hop = select("""
        SELECT name, window_end, weighted_avg(v, w) AS avg_v
        FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
        GROUP BY name, window_start, window_end""");
    assertTrue(hop.contains(List.of("a", 1704067210000L, 3.5)), hop.toString());
    assertTrue(hop.contains(List.of("a", 1704067205000L, 3.5)), hop.toString());
    assertTrue(hop.contains(List.of("b", 1704067210000L, 2.5)), hop.toString());
    assertTrue(hop.contains(List.of("b", 1704067215000L, 4.0)), hop.toString());
  }

  @Test
  void windowFunctionSeesEveryRowOfEachHopWindowInEventTimeOrder() throws Exception {
    engine.execute("CREATE FUNCTION sequence AS 'com.example.udf.Sequence' USING JAR 'examples'");
    List<List<Object>> rows = select("""
        SELECT name, window_end, sequence(ts, v) AS seq
        FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
        GROUP BY name, window_start, window_end""");
    long t0 = 1704067200000L;
    List<List<Object>> expected = List.of(
        List.of("a", t0 + 5000, "1.0,5.0,3.0"),
        List.of("b", t0 + 5000, "2.0"),
        List.of("a", t0 + 10000, "1.0,5.0,3.0"),
        List.of("b", t0 + 10000, "2.0,4.0"),
        Arrays.asList(null, t0 + 15000, null),
        List.of("a", t0 + 15000, "6.0"),
        List.of("b", t0 + 15000, "4.0"),
        Arrays.asList(null, t0 + 20000, null),
        List.of("a", t0 + 20000, "6.0"));
    assertEquals(sortByTime(expected), sortByTime(rows));
    FunctionMetrics m = metricsOf(engine, "sequence");
    assertEquals(9, m.rows.sum(), "windows scored");
    assertTrue(m.calls.sum() <= 4, "windows closing at one watermark are scored together: "
        + m.calls.sum() + " calls");
  }

  @Test
  void modelResultsKeepInputOrderWhateverTheBatchSizeAndWorkers() throws Exception {
    Path many = dir.resolve("many.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      sb.append(String.format(Locale.ROOT,
          "{\"name\":\"n%d\",\"v\":%d.0,\"w\":1.0,\"ts\":\"2024-01-01 00:%02d:%02d\"}%n",
          i, i, i / 60, i % 60));
    }
    Files.writeString(many, sb.toString());
    engine.execute(table("many", many));
    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('jitter-ms' = '3')");
    for (int batch : new int[] {1, 7, 256}) {
      for (int workers : new int[] {1, 4}) {
        List<List<Object>> rows = select("SET 'udf.batch-size' = '" + batch + "';"
            + "SET 'udf.doubler.workers' = '" + workers + "';"
            + "SELECT name, doubler(v) AS d FROM many");
        assertEquals(600, rows.size());
        for (int i = 0; i < 600; i++) {
          assertEquals(List.of("n" + i, 2.0 * i), rows.get(i), "batch " + batch + ", workers " + workers);
        }
      }
    }
  }

  @Test
  void aFailingModelFailsTheQueryNamingFunctionRowAndValue() throws Exception {
    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('fail-on' = '3.0')");
    Query q = start("SELECT name, doubler(v) FROM t");
    assertTrue(q.await(30, TimeUnit.SECONDS));
    assertEquals(QueryState.FAILED, q.state());
    String m = q.error().getMessage();
    assertTrue(m.contains("function 'doubler' failed on row 3 of its input (arg0=3.0)"), m);
    assertTrue(m.contains("cannot score 3.0"), m);
  }

  @Test
  void nullPolicyGivesNullForFailingRowsOnly() throws Exception {
    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('fail-on' = '3.0', 'udf.on-error' = 'null')");
    List<List<Object>> rows = select("SELECT name, doubler(v) AS d FROM t");
    assertEquals(List.of(List.of("a", 2.0), List.of("b", 4.0), Arrays.asList("a", null),
        List.of("a", 10.0), List.of("b", 8.0), Arrays.asList(null, null), List.of("a", 12.0)), rows);
    FunctionMetrics m = metricsOf(engine, "doubler");
    assertEquals(1, m.nulled.sum());
    assertTrue(m.errors.sum() >= 2, "the batch and the single retry failed: " + m.errors.sum());
  }

  @Test
  void anInputRecordThatRefusesItsValuesFollowsThePolicyLikeAFailingCall() throws Exception {
    engine.execute("CREATE FUNCTION ratio AS 'com.example.udf.Ratio' USING JAR 'examples' "
        + "WITH ('udf.on-error' = 'null', 'udf.batch-size' = '3')");
    List<List<Object>> rows = select("SELECT name, ratio(v, w) AS r FROM t");
    // Row 2 (w = 3) is refused by the record's constructor; row 6 has v NULL for a primitive.
    assertEquals(List.of(List.of("a", 1.0), Arrays.asList("b", null), List.of("a", 3.0),
        List.of("a", 2.5), List.of("b", 4.0), Arrays.asList(null, null), List.of("a", 6.0)), rows);
    FunctionMetrics m = metricsOf(engine, "ratio");
    assertEquals(1, m.nulled.sum());
    assertEquals(1, m.errors.sum());

    engine.execute("CREATE OR REPLACE FUNCTION ratio AS 'com.example.udf.Ratio' USING JAR 'examples'");
    Query q = start("SELECT name, ratio(v, w) FROM t");
    assertTrue(q.await(30, TimeUnit.SECONDS));
    assertEquals(QueryState.FAILED, q.state());
    String message = q.error().getMessage();
    assertTrue(message.contains("function 'ratio' failed on row 2 of its input (v=2.0, w=3.0)")
        && message.contains("w = 3 is not allowed"), message);
  }

  @Test
  void deadLetterPolicyWritesFailingRowsWithTheReason() throws Exception {
    Path dlq = dir.resolve("dlq.jsonl");
    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('fail-on' = '3.0')");
    List<List<Object>> rows = select("SET 'udf.on-error' = 'dead-letter';"
        + "SET 'dead-letter.path' = '" + dlq + "';"
        + "SELECT name, doubler(v) AS d FROM t");
    assertEquals(6, rows.size());
    assertTrue(rows.stream().noneMatch(r -> Double.valueOf(6.0).equals(r.get(1))));
    String dead = Files.readString(dlq);
    assertEquals(1, dead.lines().count(), dead);
    assertTrue(dead.contains("cannot score 3.0") && dead.contains("doubler"), dead);
    assertEquals(1, metricsOf(engine, "doubler").deadLettered.sum());

    WeirException noDestination = assertThrows(WeirException.class, () -> engine.execute(
        "SET 'udf.on-error' = 'dead-letter'; SELECT doubler(v) FROM t"));
    assertTrue(noDestination.getMessage().contains("no dead-letter destination"), noDestination.getMessage());
  }

  @Test
  void aCallPastItsTimeoutIsAbandonedUnderEachPolicy() throws Exception {
    engine.execute("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('slow-on' = '5.0', 'udf.timeout' = '300 ms', 'udf.batch-size' = '1')");
    List<List<Object>> nulls = select("SET 'udf.on-error' = 'null'; SELECT name, doubler(v) AS d FROM t");
    assertEquals(Arrays.asList("a", null), nulls.get(3));
    assertEquals(List.of("b", 8.0), nulls.get(4));
    assertEquals(1, metricsOf(engine, "doubler").timeouts.sum());

    Path dlq = dir.resolve("timeouts.jsonl");
    List<List<Object>> dead = select("SET 'udf.on-error' = 'dead-letter'; SET 'dead-letter.path' = '"
        + dlq + "'; SELECT name, doubler(v) AS d FROM t");
    assertEquals(6, dead.size());
    assertTrue(Files.readString(dlq).contains("timeout of 300 ms"), Files.readString(dlq));

    Query q = start("SELECT name, doubler(v) FROM t");
    assertTrue(q.await(30, TimeUnit.SECONDS));
    assertEquals(QueryState.FAILED, q.state());
    assertTrue(q.error().getMessage().contains("did not return within the timeout of 300 ms"),
        q.error().getMessage());
  }

  @Test
  void showAndDescribeFunctionsAndDropThem() {
    engine.execute("CREATE FUNCTION shout AS 'com.example.udf.Text' USING JAR 'examples';"
        + "CREATE FUNCTION doubler AS 'com.example.udf.Doubler' USING JAR 'examples' "
        + "WITH ('udf.batch-size' = '64', 'fail-on' = '1')");
    StatementResult.Rows show = (StatementResult.Rows) engine.execute("SHOW FUNCTIONS").get(0);
    assertEquals(2, show.rows().size());
    assertEquals("doubler", show.rows().get(0).get(0));
    assertEquals("model", show.rows().get(0).get(1));
    assertEquals("(arg0 DOUBLE) -> DOUBLE", show.rows().get(0).get(2));
    StatementResult.Rows describe = (StatementResult.Rows) engine.execute("DESCRIBE FUNCTION shout").get(0);
    String text = describe.rows().toString();
    assertTrue(text.contains("Upper-cases text"), text);
    assertTrue(text.contains("(x DOUBLE NOT NULL, factor INT NOT NULL) -> DOUBLE NOT NULL"), text);
    assertTrue(text.contains("multiplier"), text);
    String model = engine.execute("DESC FUNCTION doubler").get(0).toString();
    assertTrue(model.contains("batch-size=64") && model.contains("config fail-on"), model);
    engine.execute("DROP FUNCTION shout");
    assertThrows(WeirException.class, () -> engine.execute("DROP FUNCTION shout"));
    engine.execute("DROP FUNCTION IF EXISTS shout");
    WeirException e = assertThrows(WeirException.class, () -> engine.execute("SELECT shout(name) FROM t"));
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("shout"), e.getMessage());
  }

  @Test
  void createFunctionReportsEveryProblemAtItsPosition() throws Exception {
    WeirException noJar = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION f AS 'com.example.udf.Text' USING JAR 'nope'"));
    assertTrue(noJar.getMessage().contains("no jar named 'nope'"), noJar.getMessage());
    assertEquals(1, noJar.line());

    WeirException noClass = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION f AS 'com.example.udf.text' USING JAR 'examples'"));
    assertTrue(noClass.getMessage().contains("class 'com.example.udf.text' is not in jar 'examples'"),
        noClass.getMessage());
    assertTrue(noClass.getMessage().contains("did you mean com.example.udf.Text"), noClass.getMessage());
    assertEquals(22, noClass.column());

    Path bad = TestJars.builder().source("com.example.Bad", """
        package com.example;
        import io.weir.udf.*;
        import java.util.Map;
        public class Bad {
          @Udf public Object a(Map<String, String> m) { return null; }
          @Udf public void b(int x) {}
        }
        """).source("com.example.NoKind", """
        package com.example;
        public class NoKind { public int f(int x) { return x; } }
        """).source("com.example.NeedsLib", """
        package com.example;
        import io.weir.udf.*;
        public class NeedsLib {
          @Udf public String f(String s) { return org.slf4j.LoggerFactory.getLogger(s).getName(); }
          @Udf public String g(int x, org.slf4j.Logger l) { return null; }
        }
        """).build(dir.resolve("bad.jar"));
    try (InputStream in = Files.newInputStream(bad)) {
      engine.udfs().putJar("bad", in);
    }
    WeirException types = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION f AS 'com.example.Bad' USING JAR 'bad'"));
    assertTrue(types.getMessage().contains("3 problems"), types.getMessage());
    assertTrue(types.getMessage().contains("java.util.Map<java.lang.String, java.lang.String> has no SQL type"),
        types.getMessage());
    assertTrue(types.getMessage().contains("method b returns void"), types.getMessage());
    WeirException kind = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION f AS 'com.example.NoKind' USING JAR 'bad'"));
    assertTrue(kind.getMessage().contains("no kind of function"), kind.getMessage());
    WeirException lib = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION f AS 'com.example.NeedsLib' USING JAR 'bad'"));
    assertTrue(lib.getMessage().contains("org/slf4j/Logger") && lib.getMessage().contains("bundle"),
        lib.getMessage());

    WeirException option = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION d AS 'com.example.udf.Doubler' USING JAR 'examples' WITH ('udf.batch-size' = 'many')"));
    assertTrue(option.getMessage().contains("'udf.batch-size': 'many' is not a whole number"), option.getMessage());
    WeirException typo = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION d AS 'com.example.udf.Doubler' USING JAR 'examples' WITH ('udf.batchsize' = '2')"));
    assertTrue(typo.getMessage().contains("unknown option 'udf.batchsize'"), typo.getMessage());
    WeirException scalarOption = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION s AS 'com.example.udf.Text' USING JAR 'examples' WITH ('udf.workers' = '2')"));
    assertTrue(scalarOption.getMessage().contains("apply to model and window functions"), scalarOption.getMessage());

    engine.execute("CREATE FUNCTION s AS 'com.example.udf.Text' USING JAR 'examples'");
    WeirException exists = assertThrows(WeirException.class, () -> engine.execute(
        "CREATE FUNCTION S AS 'com.example.udf.Text' USING JAR 'examples'"));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    WeirException signature = assertThrows(WeirException.class, () -> engine.execute(
        "SELECT s(name, name, name) FROM t"));
    assertTrue(signature.getMessage().toLowerCase(Locale.ROOT)
        .contains("s(<character>, <character>, <character>)"), signature.getMessage());
    WeirException scalarFails = assertThrows(WeirException.class, () -> {
      engine.execute("CREATE FUNCTION fail AS 'com.example.udf.Failing' USING JAR 'examples'");
      Query q = start("SELECT fail(name) FROM t");
      q.await(30, TimeUnit.SECONDS);
      throw q.error();
    });
    assertTrue(scalarFails.getMessage().contains("function 'fail' failed on ('a'): cannot shout 'a'"),
        scalarFails.getMessage());
  }

  static FunctionMetrics metricsOf(Engine engine, String function) {
    FunctionMetrics found = null;
    for (Query q : engine.queries()) {
      FunctionMetrics m = q.metrics().functions.get(function);
      if (m != null && q.createdAtMillis() >= 0) {
        found = m;
      }
    }
    if (found == null) {
      throw new AssertionError("no query has metrics of " + function);
    }
    return found;
  }

  static List<List<Object>> sortByTime(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort((a, b) -> {
      int c = Long.compare((Long) a.get(1), (Long) b.get(1));
      return c != 0 ? c : String.valueOf(a.get(0)).compareTo(String.valueOf(b.get(0)));
    });
    return out;
  }
}
