package io.weir.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every parse and validation error names its line and column; unsupported SQL says what is. */
class EngineErrorsTest {
  @TempDir Path dir;
  Engine engine;

  static final String TABLE = """
      CREATE TABLE clicks (
        user_id STRING, url STRING, ts TIMESTAMP(3),
        WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
      ) WITH ('connector' = 'filesystem', 'path' = '/nonexistent.jsonl', 'format' = 'json');
      """;

  @BeforeEach
  void setUp() {
    engine = new Engine(Engine.Config.defaults(dir));
    engine.execute(TABLE);
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private WeirException fail(String sql) {
    return assertThrows(WeirException.class, () -> engine.execute(sql));
  }

  @Test
  void parseErrorNamesLineAndColumn() {
    WeirException e = fail("SELECT user_id\nFROMM clicks");
    assertEquals(2, e.line());
    assertEquals(WeirException.Kind.USER, e.kind());
  }

  @Test
  void unknownColumnNamesLineAndColumnInAScript() {
    WeirException e = fail("SHOW TABLES;\nSELECT user_id,\n       nosuch FROM clicks;");
    assertEquals(3, e.line());
    assertEquals(8, e.column());
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void generatorsCannotBeWrittenAndSinksCannotBeRead() {
    engine.execute("CREATE TABLE gen (a BIGINT) WITH ('connector' = 'datagen');"
        + "CREATE TABLE hole (a BIGINT) WITH ('connector' = 'blackhole')");
    WeirException write = fail("INSERT INTO gen SELECT a FROM gen");
    assertEquals(WeirException.Kind.USER, write.kind());
    assertEquals("table 'gen' cannot be written to: its connector 'datagen' only produces rows",
        write.getMessage());
    WeirException read = fail("INSERT INTO hole SELECT a FROM hole");
    assertEquals("table 'hole' cannot be read: its connector 'blackhole' only receives rows",
        read.getMessage());
    assertTrue(engine.queries().isEmpty(), "nothing started");
  }

  @Test
  void unknownTable() {
    WeirException e = fail("SELECT * FROM nowhere");
    assertEquals(1, e.line());
    assertEquals(15, e.column());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }

  @Test
  void hopSlideLargerThanSizeNamesBothValuesAndPosition() {
    WeirException e = fail("SELECT window_start, COUNT(*)\nFROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts),"
        + " INTERVAL '20' SECOND, INTERVAL '10' SECOND))\nGROUP BY window_start, window_end");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("20000") && e.getMessage().contains("10000"), e.getMessage());
  }

  @Test
  void hopNonPositiveSlide() {
    WeirException e = fail("SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts),"
        + " INTERVAL '0' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
  }

  @Test
  void legacyHopIsValidatedToo() {
    WeirException e = fail("SELECT COUNT(*) FROM clicks\nGROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '30' SECOND)");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("60000") && e.getMessage().contains("30000"), e.getMessage());
  }

  @Test
  void hopSizeNotAMultipleOfSlideIsLegal() {
    String plan = engine.explain("SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts),"
        + " INTERVAL '3' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
    assertTrue(plan.contains("HOP(slide=3000ms, size=10000ms)"), plan);
  }

  @Test
  void aggregateWithoutWindowIsRefusedWithWhatIsSupported() {
    WeirException e = fail("SELECT user_id, COUNT(*)\nFROM clicks GROUP BY user_id");
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("needs a window") && e.getMessage().contains("TUMBLE"),
        e.getMessage());
  }

  @Test
  void joinsAreRefusedWithWhatIsSupported() {
    WeirException e = fail("SELECT a.url FROM clicks a JOIN clicks b ON a.user_id = b.user_id");
    assertTrue(e.getMessage().contains("joins are not supported"), e.getMessage());
    assertTrue(e.getMessage().contains("Weir supports"), e.getMessage());
  }

  @Test
  void unknownConnectorIsAUserErrorAtCreateTable() {
    WeirException e = fail("\nCREATE TABLE t (a INT) WITH ('connector' = 'nosuch')");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void badWatermarkColumnType() {
    WeirException e = fail("CREATE TABLE t (a INT, WATERMARK FOR a AS a) WITH ('connector' = 'datagen')");
    assertTrue(e.getMessage().contains("TIMESTAMP"), e.getMessage());
    assertEquals(1, e.line());
  }

  @Test
  void computedColumnErrorPointsAtTheColumn() {
    WeirException e = fail("CREATE TABLE t (\n  a BIGINT,\n  ts AS TO_TIMESTAMP_LTZ(nosuch, 3)\n) WITH ('connector' = 'datagen')");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void orderByIsRefused() {
    WeirException e = fail("SELECT url FROM clicks ORDER BY url");
    assertTrue(e.getMessage().contains("ORDER BY"), e.getMessage());
  }

  @Test
  void describeAndShow() {
    var rows = (StatementResult.Rows) engine.execute("DESCRIBE clicks").get(0);
    assertEquals(3, rows.rows().size());
    assertEquals("ts", rows.rows().get(2).get(0));
    assertTrue(rows.rows().get(2).get(1).toString().contains("ROWTIME"));
    var tables = (StatementResult.Rows) engine.execute("SHOW TABLES").get(0);
    assertEquals(java.util.List.of(java.util.List.of("clicks")), tables.rows());
  }
}
