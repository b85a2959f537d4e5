package io.weir.engine.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.sql.ddl.SqlCreateTable;
import io.weir.engine.sql.ddl.SqlShow;
import io.weir.engine.sql.ddl.SqlTableColumn;
import java.util.List;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** Scripts: splitting on semicolons, each statement's exact text and its position. */
class WeirSqlParserScriptTest {

  /** The Flink script of the task, unchanged. */
  static final String FLINK_SCRIPT =
      """
      CREATE TABLE bid (
        seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT,
        ts AS TO_TIMESTAMP_LTZ(seq / 10, 3),
        WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
      ) WITH (
        'connector' = 'datagen', 'number-of-rows' = '20000000',
        'fields.seq.kind' = 'sequence', 'fields.seq.start' = '0', 'fields.seq.end' = '19999999');
      CREATE TABLE sink (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), cnt BIGINT, tags ARRAY<STRING>, amount DECIMAL(10, 2), name STRING) WITH ('connector' = 'blackhole');
      INSERT INTO sink SELECT auction, window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end;
      """;

  @Test
  void flinkScriptParsesUnchanged() {
    List<ParsedStatement> statements = WeirSqlParser.parseScript(FLINK_SCRIPT);
    assertEquals(3, statements.size());

    SqlCreateTable bid = assertInstanceOf(SqlCreateTable.class, statements.get(0).node());
    assertEquals(List.of("seq", "auction", "bidder", "price", "ts"), bid.getColumnNames());
    assertEquals(SqlTableColumn.Kind.COMPUTED, bid.getColumns().get(4).getColumnKind());
    assertEquals(
        "`TO_TIMESTAMP_LTZ`(`seq` / 10, 3)",
        WeirSqlParser.toSql(bid.getColumns().get(4).getExpression().orElseThrow()));
    assertEquals("ts", bid.getWatermark().orElseThrow().getEventTimeColumnName());
    assertEquals("datagen", bid.getOptions().get("connector"));
    assertEquals("19999999", bid.getOptions().get("fields.seq.end"));
    assertEquals(5, bid.getOptions().size());
    assertEquals(1, statements.get(0).line());
    assertEquals(1, statements.get(0).column());
    assertTrue(statements.get(0).text().startsWith("CREATE TABLE bid ("));
    assertTrue(statements.get(0).text().endsWith("'fields.seq.end' = '19999999')"));

    SqlCreateTable sink = assertInstanceOf(SqlCreateTable.class, statements.get(1).node());
    assertEquals(
        List.of("auction", "window_start", "window_end", "cnt", "tags", "amount", "name"),
        sink.getColumnNames());
    assertEquals("blackhole", sink.getOptions().get("connector"));
    assertEquals(8, statements.get(1).line());

    assertInstanceOf(SqlInsert.class, statements.get(2).node());
    assertEquals(9, statements.get(2).line());
    assertEquals(1, statements.get(2).column());
    assertEquals(
        FLINK_SCRIPT.lines().toList().get(8).replaceAll(";$", ""), statements.get(2).text());
  }

  @Test
  void textsAndPositionsSkipCommentsEmptyStatementsAndSeparators() {
    String script =
        "-- a leading comment\n"
            + "SELECT 1;\n"
            + "\n"
            + ";;  /* block\n comment */ SHOW TABLES ;\n"
            + "  SELECT a -- trailing comment inside\n"
            + "    FROM t\n"
            + ";";
    List<ParsedStatement> statements = WeirSqlParser.parseScript(script);
    assertEquals(3, statements.size());

    assertEquals("SELECT 1", statements.get(0).text());
    assertEquals(2, statements.get(0).line());
    assertEquals(1, statements.get(0).column());

    assertEquals("SHOW TABLES", statements.get(1).text());
    assertInstanceOf(SqlShow.class, statements.get(1).node());
    assertEquals(5, statements.get(1).line());
    assertEquals(13, statements.get(1).column());

    assertEquals("SELECT a -- trailing comment inside\n    FROM t", statements.get(2).text());
    assertInstanceOf(SqlSelect.class, statements.get(2).node());
    assertEquals(6, statements.get(2).line());
    assertEquals(3, statements.get(2).column());
  }

  @Test
  void trailingSemicolonIsOptional() {
    assertEquals(2, WeirSqlParser.parseScript("SHOW TABLES; SHOW VIEWS").size());
    assertEquals(2, WeirSqlParser.parseScript("SHOW TABLES; SHOW VIEWS;").size());
    assertEquals(2, WeirSqlParser.parseScript("SHOW TABLES; SHOW VIEWS;;\n").size());
  }

  @Test
  void emptyScriptsGiveNoStatements() {
    assertEquals(List.of(), WeirSqlParser.parseScript(""));
    assertEquals(List.of(), WeirSqlParser.parseScript("  \n\t "));
    assertEquals(List.of(), WeirSqlParser.parseScript("-- nothing\n/* at all */ ;;"));
  }

  @Test
  void windowsLineEndsAndTabsCountLikeTheParser() {
    String script = "SELECT 1;\r\n\tSELECT\r\n 'x';\rSHOW VIEWS";
    List<ParsedStatement> statements = WeirSqlParser.parseScript(script);
    assertEquals(3, statements.size());
    assertEquals("SELECT\r\n 'x'", statements.get(1).text());
    assertEquals(2, statements.get(1).line());
    assertEquals(2, statements.get(1).column());
    assertEquals("SHOW VIEWS", statements.get(2).text());
    assertEquals(4, statements.get(2).line());
    assertEquals(1, statements.get(2).column());
  }

  @Test
  void textsArePreciseWithNonAsciiText() {
    String script = "SELECT 'héllo ☃' AS `名前`;SELECT 2";
    List<ParsedStatement> statements = WeirSqlParser.parseScript(script);
    assertEquals("SELECT 'héllo ☃' AS `名前`", statements.get(0).text());
    assertEquals("SELECT 2", statements.get(1).text());
    assertEquals(script.indexOf("SELECT 2") + 1, statements.get(1).column());
  }

  @Test
  void nodePositionsAreRelativeToTheScript() {
    List<ParsedStatement> statements =
        WeirSqlParser.parseScript("SHOW TABLES;\n\n  SELECT price FROM bid");
    SqlSelect select = assertInstanceOf(SqlSelect.class, statements.get(1).node());
    assertEquals(3, select.getSelectList().get(0).getParserPosition().getLineNum());
    assertEquals(10, select.getSelectList().get(0).getParserPosition().getColumnNum());
  }

  @Test
  void eachTextParsesAloneToTheSameTree() {
    for (ParsedStatement statement : WeirSqlParser.parseScript(FLINK_SCRIPT)) {
      assertEquals(
          WeirSqlParser.toSql(statement.node()),
          WeirSqlParser.toSql(WeirSqlParser.parseStatement(statement.text())));
    }
  }
}
