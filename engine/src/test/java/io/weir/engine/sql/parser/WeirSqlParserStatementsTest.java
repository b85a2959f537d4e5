package io.weir.engine.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.sql.ddl.SqlArrayTypeNameSpec;
import io.weir.engine.sql.ddl.SqlCreateFunction;
import io.weir.engine.sql.ddl.SqlCreateTable;
import io.weir.engine.sql.ddl.SqlCreateView;
import io.weir.engine.sql.ddl.SqlDescribeFunction;
import io.weir.engine.sql.ddl.SqlDropFunction;
import io.weir.engine.sql.ddl.SqlDropTable;
import io.weir.engine.sql.ddl.SqlDropView;
import io.weir.engine.sql.ddl.SqlMaxLengthTypeNameSpec;
import io.weir.engine.sql.ddl.SqlPrimaryKey;
import io.weir.engine.sql.ddl.SqlReset;
import io.weir.engine.sql.ddl.SqlSet;
import io.weir.engine.sql.ddl.SqlShow;
import io.weir.engine.sql.ddl.SqlStopQuery;
import io.weir.engine.sql.ddl.SqlTableColumn;
import io.weir.engine.sql.ddl.SqlWatermark;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Every statement form of the Weir grammar, and what the nodes' getters return. */
class WeirSqlParserStatementsTest {

  private static <T> T parse(String sql, Class<T> type) {
    return assertInstanceOf(type, WeirSqlParser.parseStatement(sql));
  }

  /** The type name of a physical or metadata column with a basic (non-collection) type. */
  private static SqlTypeName basicType(SqlTableColumn column) {
    return SqlTypeName.get(
        column.getType().orElseThrow().getTypeNameSpec().getTypeName().getSimple());
  }

  private static int precision(SqlTableColumn column) {
    return ((SqlBasicTypeNameSpec) column.getType().orElseThrow().getTypeNameSpec())
        .getPrecision();
  }

  @Test
  void createTableKeepsColumnsWatermarkKeyAndOptionsInOrder() {
    SqlCreateTable table =
        parse(
            """
            CREATE TABLE IF NOT EXISTS db.Orders (
              id BIGINT NOT NULL COMMENT 'the id',
              `Name` STRING,
              amount DECIMAL(10, 2),
              ts TIMESTAMP(3),
              total AS amount * 2 COMMENT 'doubled',
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
              PRIMARY KEY (id) NOT ENFORCED
            ) COMMENT 'orders' PARTITIONED BY (`Name`)
            WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json')""",
            SqlCreateTable.class);

    assertEquals(List.of("db", "Orders"), table.getName().names);
    assertTrue(table.isIfNotExists());
    assertFalse(table.isTemporary());
    assertFalse(table.getReplace());
    assertEquals(SqlKind.CREATE_TABLE, table.getKind());
    assertEquals(List.of("id", "Name", "amount", "ts", "total"), table.getColumnNames());

    List<SqlTableColumn> columns = table.getColumns();
    SqlTableColumn id = columns.get(0);
    assertEquals(SqlTableColumn.Kind.PHYSICAL, id.getColumnKind());
    assertEquals(SqlTypeName.BIGINT, basicType(id));
    assertFalse(id.isNullable());
    assertEquals("the id", id.getComment().orElseThrow());

    SqlTableColumn name = columns.get(1);
    assertEquals("Name", name.getNameString());
    assertTrue(name.isNullable());
    SqlMaxLengthTypeNameSpec string =
        assertInstanceOf(
            SqlMaxLengthTypeNameSpec.class, name.getType().orElseThrow().getTypeNameSpec());
    assertEquals(SqlTypeName.VARCHAR, basicType(name));
    assertEquals(Integer.MAX_VALUE, string.getPrecision());

    SqlBasicTypeNameSpec decimal =
        (SqlBasicTypeNameSpec) columns.get(2).getType().orElseThrow().getTypeNameSpec();
    assertEquals(10, decimal.getPrecision());
    assertEquals(2, decimal.getScale());
    assertEquals(3, precision(columns.get(3)));

    SqlTableColumn total = columns.get(4);
    assertEquals(SqlTableColumn.Kind.COMPUTED, total.getColumnKind());
    assertTrue(total.getType().isEmpty());
    SqlCall times = assertInstanceOf(SqlBasicCall.class, total.getExpression().orElseThrow());
    assertEquals(SqlKind.TIMES, times.getKind());
    assertEquals("doubled", total.getComment().orElseThrow());

    SqlWatermark watermark = table.getWatermark().orElseThrow();
    assertEquals("ts", watermark.getEventTimeColumnName());
    assertEquals(SqlKind.MINUS, watermark.getStrategy().getKind());
    assertEquals("`ts` - INTERVAL '5' SECOND", WeirSqlParser.toSql(watermark.getStrategy()));

    SqlPrimaryKey key = table.getPrimaryKey().orElseThrow();
    assertEquals(List.of("id"), key.getColumnNames());
    assertTrue(key.getConstraintName().isEmpty());

    assertEquals("orders", table.getComment().orElseThrow());
    assertEquals(List.of("Name"), table.getPartitionKeys());
    assertEquals(
        List.of("connector", "topic", "format"), List.copyOf(table.getOptions().keySet()));
    assertEquals(
        Map.of("connector", "kafka", "topic", "orders", "format", "json"), table.getOptions());
    assertEquals("topic", table.getOptionNodes().get(1).getKey());
    assertEquals(10, table.getOptionNodes().get(1).getKeyNode().getParserPosition().getLineNum());
  }

  @Test
  void createTableWithoutOptionalParts() {
    SqlCreateTable table =
        parse("CREATE TEMPORARY TABLE t (a INT)", SqlCreateTable.class);
    assertTrue(table.isTemporary());
    assertFalse(table.isIfNotExists());
    assertTrue(table.getWatermark().isEmpty());
    assertTrue(table.getPrimaryKey().isEmpty());
    assertTrue(table.getComment().isEmpty());
    assertTrue(table.getPartitionKeys().isEmpty());
    assertTrue(table.getOptions().isEmpty());
  }

  @Test
  void columnLevelAndNamedPrimaryKeys() {
    SqlCreateTable inline =
        parse("CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING)", SqlCreateTable.class);
    assertEquals(List.of("id"), inline.getPrimaryKey().orElseThrow().getColumnNames());

    SqlCreateTable named =
        parse(
            "CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED)",
            SqlCreateTable.class);
    SqlPrimaryKey key = named.getPrimaryKey().orElseThrow();
    assertEquals("pk", key.getConstraintName().orElseThrow().getSimple());
    assertEquals(List.of("a", "b"), key.getColumnNames());
  }

  @Test
  void metadataColumns() {
    SqlCreateTable table =
        parse(
            "CREATE TABLE t (v STRING, kts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                + " `partition` INT METADATA)",
            SqlCreateTable.class);
    SqlTableColumn kts = table.getColumns().get(1);
    assertEquals(SqlTableColumn.Kind.METADATA, kts.getColumnKind());
    assertEquals("timestamp", kts.getMetadataKey().orElseThrow());
    assertTrue(kts.isVirtual());
    assertEquals(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, basicType(kts));
    SqlTableColumn partition = table.getColumns().get(2);
    assertEquals(SqlTableColumn.Kind.METADATA, partition.getColumnKind());
    assertTrue(partition.getMetadataKey().isEmpty());
    assertFalse(partition.isVirtual());
  }

  @Test
  void flinkAndStandardTypes() {
    SqlCreateTable table =
        parse(
            "CREATE TABLE t (b BOOLEAN, ti TINYINT, si SMALLINT, i INT, i2 INTEGER, bi BIGINT,"
                + " f FLOAT, d DOUBLE, amt DECIMAL(10, 2), v VARCHAR(20), ts TIMESTAMP(3),"
                + " dt DATE, s STRING, bt BYTES, ltz TIMESTAMP_LTZ(3),"
                + " ltz2 TIMESTAMP(6) WITH LOCAL TIME ZONE, arr ARRAY<STRING>,"
                + " nested ARRAY<ARRAY<INT NOT NULL>>, calcite_arr BIGINT ARRAY)",
            SqlCreateTable.class);
    List<SqlTableColumn> c = table.getColumns();
    assertEquals(SqlTypeName.BOOLEAN, basicType(c.get(0)));
    assertEquals(SqlTypeName.TINYINT, basicType(c.get(1)));
    assertEquals(SqlTypeName.SMALLINT, basicType(c.get(2)));
    assertEquals(SqlTypeName.INTEGER, basicType(c.get(3)));
    assertEquals(SqlTypeName.INTEGER, basicType(c.get(4)));
    assertEquals(SqlTypeName.BIGINT, basicType(c.get(5)));
    assertEquals(SqlTypeName.FLOAT, basicType(c.get(6)));
    assertEquals(SqlTypeName.DOUBLE, basicType(c.get(7)));
    assertEquals(SqlTypeName.DECIMAL, basicType(c.get(8)));
    assertEquals(SqlTypeName.VARCHAR, basicType(c.get(9)));
    assertEquals(20, precision(c.get(9)));
    assertEquals(SqlTypeName.TIMESTAMP, basicType(c.get(10)));
    assertEquals(SqlTypeName.DATE, basicType(c.get(11)));
    assertEquals(SqlTypeName.VARCHAR, basicType(c.get(12)));
    assertEquals(Integer.MAX_VALUE, precision(c.get(12)));
    assertEquals(SqlTypeName.VARBINARY, basicType(c.get(13)));
    assertEquals(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, basicType(c.get(14)));
    assertEquals(3, precision(c.get(14)));
    assertEquals(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, basicType(c.get(15)));
    assertEquals(6, precision(c.get(15)));

    SqlArrayTypeNameSpec arr =
        assertInstanceOf(
            SqlArrayTypeNameSpec.class, c.get(16).getType().orElseThrow().getTypeNameSpec());
    assertInstanceOf(SqlMaxLengthTypeNameSpec.class, arr.getElementTypeName());
    assertTrue(arr.isElementNullable());
    SqlArrayTypeNameSpec outer =
        assertInstanceOf(
            SqlArrayTypeNameSpec.class, c.get(17).getType().orElseThrow().getTypeNameSpec());
    SqlArrayTypeNameSpec inner =
        assertInstanceOf(SqlArrayTypeNameSpec.class, outer.getElementTypeName());
    assertFalse(inner.isElementNullable());
    SqlCollectionTypeNameSpec calciteArray =
        assertInstanceOf(
            SqlCollectionTypeNameSpec.class, c.get(18).getType().orElseThrow().getTypeNameSpec());
    assertEquals(SqlTypeName.ARRAY, SqlTypeName.get(calciteArray.getTypeName().getSimple()));
  }

  @Test
  void flinkTypesInCast() {
    SqlSelect select =
        parse(
            "SELECT CAST(a AS STRING), CAST(b AS TIMESTAMP_LTZ(3)), CAST(c AS ARRAY<BIGINT>),"
                + " CAST(d AS BYTES) FROM t",
            SqlSelect.class);
    SqlCall cast = (SqlCall) select.getSelectList().get(0);
    assertEquals(SqlKind.CAST, cast.getKind());
    SqlDataTypeSpec spec = (SqlDataTypeSpec) cast.operand(1);
    assertInstanceOf(SqlMaxLengthTypeNameSpec.class, spec.getTypeNameSpec());
    SqlDataTypeSpec ltz = (SqlDataTypeSpec) ((SqlCall) select.getSelectList().get(1)).operand(1);
    assertEquals(
        SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
        SqlTypeName.get(ltz.getTypeNameSpec().getTypeName().getSimple()));
    SqlDataTypeSpec array = (SqlDataTypeSpec) ((SqlCall) select.getSelectList().get(2)).operand(1);
    assertInstanceOf(SqlArrayTypeNameSpec.class, array.getTypeNameSpec());
  }

  @Test
  void keywordsAddedByWeirRemainUsableAsIdentifiers() {
    SqlSelect select =
        parse(
            "SELECT string, bytes, comment, watermark, `if`, query, queries, tables, views,"
                + " functions, stop, jar, metadata, virtual, enforced, partitioned, timestamp_ltz"
                + " FROM t",
            SqlSelect.class);
    assertEquals(17, select.getSelectList().size());
    assertEquals("string", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    SqlCreateTable table =
        parse("CREATE TABLE t (watermark BIGINT, comment STRING)", SqlCreateTable.class);
    assertEquals(List.of("watermark", "comment"), table.getColumnNames());
  }

  @Test
  void identifiersKeepTheirCase() {
    SqlSelect select = parse("SELECT MixedCase, `Quoted Name` FROM MyTable", SqlSelect.class);
    assertEquals("MixedCase", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
    assertEquals("Quoted Name", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
    assertEquals("MyTable", ((SqlIdentifier) select.getFrom()).getSimple());
  }

  @Test
  void dropStatements() {
    SqlDropTable table = parse("DROP TABLE IF EXISTS db.t", SqlDropTable.class);
    assertTrue(table.isIfExists());
    assertFalse(table.isTemporary());
    assertEquals(List.of("db", "t"), table.getName().names);
    assertEquals(SqlKind.DROP_TABLE, table.getKind());
    assertFalse(parse("DROP TABLE t", SqlDropTable.class).isIfExists());

    SqlDropView view = parse("DROP TEMPORARY VIEW IF EXISTS v", SqlDropView.class);
    assertTrue(view.isIfExists());
    assertTrue(view.isTemporary());
    assertEquals("v", view.getName().getSimple());

    SqlDropFunction function = parse("DROP FUNCTION score", SqlDropFunction.class);
    assertFalse(function.isIfExists());
    assertEquals("score", function.getName().getSimple());
    assertTrue(parse("DROP FUNCTION IF EXISTS score", SqlDropFunction.class).isIfExists());
  }

  @Test
  void showStatements() {
    assertEquals(SqlShow.Target.TABLES, parse("SHOW TABLES", SqlShow.class).getTarget());
    assertEquals(SqlShow.Target.VIEWS, parse("show views", SqlShow.class).getTarget());
    assertEquals(SqlShow.Target.FUNCTIONS, parse("SHOW FUNCTIONS", SqlShow.class).getTarget());
    assertEquals(SqlShow.Target.QUERIES, parse("SHOW QUERIES", SqlShow.class).getTarget());
  }

  @Test
  void describeStatements() {
    for (String sql : List.of("DESCRIBE orders", "DESC orders", "DESCRIBE TABLE orders",
        "DESC TABLE orders")) {
      SqlDescribeTable describe = parse(sql, SqlDescribeTable.class);
      assertEquals("orders", describe.getTable().getSimple(), sql);
      assertNull(describe.getColumn(), sql);
    }
    assertEquals(
        "score", parse("DESCRIBE FUNCTION score", SqlDescribeFunction.class).getName().getSimple());
    assertEquals(
        "score", parse("DESC FUNCTION score", SqlDescribeFunction.class).getName().getSimple());
  }

  @Test
  void createView() {
    SqlCreateView view =
        parse(
            "CREATE OR REPLACE TEMPORARY VIEW IF NOT EXISTS v (a, b) COMMENT 'two columns'"
                + " AS SELECT x, y FROM t WHERE x > 1",
            SqlCreateView.class);
    assertTrue(view.getReplace());
    assertTrue(view.isTemporary());
    assertTrue(view.isIfNotExists());
    assertEquals("v", view.getName().getSimple());
    assertEquals(List.of("a", "b"), view.getColumnNames());
    assertEquals("two columns", view.getComment().orElseThrow());
    assertInstanceOf(SqlSelect.class, view.getQuery());
    assertEquals(SqlKind.CREATE_VIEW, view.getKind());

    SqlCreateView plain = parse("CREATE VIEW v AS SELECT * FROM t", SqlCreateView.class);
    assertFalse(plain.getReplace());
    assertFalse(plain.isTemporary());
    assertFalse(plain.isIfNotExists());
    assertTrue(plain.getColumnNames().isEmpty());
    assertTrue(plain.getComment().isEmpty());
  }

  @Test
  void createFunction() {
    SqlCreateFunction full =
        parse(
            "CREATE OR REPLACE TEMPORARY FUNCTION IF NOT EXISTS score AS 'com.example.Score'"
                + " LANGUAGE JAVA USING JAR 'model.jar', JAR 'deps.jar'"
                + " WITH ('batch.size' = '256', 'timeout' = '2 s')",
            SqlCreateFunction.class);
    assertTrue(full.getReplace());
    assertTrue(full.isTemporary());
    assertTrue(full.isIfNotExists());
    assertEquals("score", full.getName().getSimple());
    assertEquals("com.example.Score", full.getClassName());
    assertEquals("JAVA", full.getLanguage());
    assertEquals(List.of("model.jar", "deps.jar"), full.getJars());
    assertEquals(List.of("batch.size", "timeout"), List.copyOf(full.getOptions().keySet()));
    assertEquals("2 s", full.getOptions().get("timeout"));
    assertEquals(SqlKind.CREATE_FUNCTION, full.getKind());

    SqlCreateFunction plain =
        parse("CREATE FUNCTION f AS 'a.B' LANGUAGE java", SqlCreateFunction.class);
    assertFalse(plain.getReplace());
    assertFalse(plain.isTemporary());
    assertTrue(plain.getJars().isEmpty());
    assertTrue(plain.getOptions().isEmpty());
    assertEquals(
        List.of("x.jar"),
        parse("CREATE FUNCTION f AS 'a.B' USING JAR 'x.jar'", SqlCreateFunction.class).getJars());
  }

  @Test
  void setAndReset() {
    SqlSet set = parse("SET 'table.exec.state.ttl' = '1 h'", SqlSet.class);
    assertEquals("table.exec.state.ttl", set.getKey().orElseThrow());
    assertEquals("1 h", set.getValue().orElseThrow());
    SqlSet bare = parse("SET", SqlSet.class);
    assertTrue(bare.getKey().isEmpty());
    assertTrue(bare.getValue().isEmpty());

    assertEquals("k", parse("RESET 'k'", SqlReset.class).getKey().orElseThrow());
    assertTrue(parse("RESET", SqlReset.class).getKey().isEmpty());

    // Calcite's own forms still parse to SqlSetOption.
    SqlSetOption option = parse("SET approx = 1", SqlSetOption.class);
    assertEquals("approx", option.getName().getSimple());
    assertNull(parse("RESET approx", SqlSetOption.class).getValue());
    assertEquals("ALL", parse("RESET ALL", SqlSetOption.class).getName().getSimple());
    assertEquals(
        "SESSION", parse("ALTER SESSION SET approx = 1", SqlSetOption.class).getScope());
  }

  @Test
  void stopQuery() {
    assertEquals("q-42", parse("STOP QUERY 'q-42'", SqlStopQuery.class).getQueryId());
  }

  @Test
  void explainInFlinkAndCalciteForms() {
    SqlExplain select = parse("EXPLAIN SELECT a FROM t", SqlExplain.class);
    assertInstanceOf(SqlSelect.class, select.getExplicandum());
    assertEquals(SqlExplainFormat.TEXT, select.getFormat());

    SqlExplain insert = parse("EXPLAIN INSERT INTO s SELECT a FROM t", SqlExplain.class);
    assertInstanceOf(SqlInsert.class, insert.getExplicandum());

    SqlExplain calcite = parse("EXPLAIN PLAN FOR SELECT 1", SqlExplain.class);
    assertInstanceOf(SqlSelect.class, calcite.getExplicandum());

    SqlExplain json =
        parse("EXPLAIN PLAN WITHOUT IMPLEMENTATION AS JSON FOR SELECT 1", SqlExplain.class);
    assertEquals(SqlExplainFormat.JSON, json.getFormat());
    assertEquals(SqlExplain.Depth.LOGICAL, json.getDepth());

    SqlExplain with =
        parse("EXPLAIN WITH x AS (SELECT 1 AS a) SELECT a FROM x", SqlExplain.class);
    assertEquals(SqlKind.WITH, with.getExplicandum().getKind());
  }

  @Test
  void windowTableFunctions() {
    String tumble =
        "SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bid,"
            + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end";
    SqlCall tumbleCall = tableFunctionCall(parse(tumble, SqlSelect.class));
    assertEquals("TUMBLE", ((SqlBasicCall) tumbleCall).getOperator().getName());
    assertEquals(3, tumbleCall.operandCount());
    // Functions are resolved by the validator; the parser only names them.
    assertEquals("DESCRIPTOR", ((SqlCall) tumbleCall.operand(1)).getOperator().getName());

    String hop =
        "SELECT * FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND,"
            + " INTERVAL '10' SECOND))";
    SqlCall hopCall = tableFunctionCall(parse(hop, SqlSelect.class));
    assertEquals("HOP", hopCall.getOperator().getName());
    assertEquals(4, hopCall.operandCount());
    assertEquals("INTERVAL '2' SECOND", WeirSqlParser.toSql(hopCall.operand(2)));
    assertEquals("INTERVAL '10' SECOND", WeirSqlParser.toSql(hopCall.operand(3)));

    String named =
        "SELECT * FROM TABLE(HOP(DATA => TABLE bid, TIMECOL => DESCRIPTOR(ts),"
            + " SLIDE => INTERVAL '2' SECOND, SIZE => INTERVAL '10' SECOND))";
    SqlCall namedCall = tableFunctionCall(parse(named, SqlSelect.class));
    assertEquals(4, namedCall.operandCount());
    for (SqlNode operand : namedCall.getOperandList()) {
      assertEquals(SqlKind.ARGUMENT_ASSIGNMENT, operand.getKind());
    }
    assertEquals(
        "`SLIDE`",
        WeirSqlParser.toSql(((SqlCall) namedCall.operand(2)).operand(1)));
  }

  private static SqlCall tableFunctionCall(SqlSelect select) {
    SqlCall collectionTable = (SqlCall) select.getFrom();
    assertEquals(SqlKind.COLLECTION_TABLE, collectionTable.getKind());
    return (SqlCall) collectionTable.operand(0);
  }

  @Test
  void legacyGroupWindows() {
    SqlSelect tumble =
        parse(
            "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), TUMBLE_END(ts, INTERVAL '1' MINUTE),"
                + " k, COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), k",
            SqlSelect.class);
    SqlNode group = tumble.getGroup().get(0);
    assertEquals(SqlKind.TUMBLE, group.getKind());
    // The auxiliary functions are resolved by the validator; the parser only names them.
    assertEquals("TUMBLE_START", operatorName(tumble.getSelectList().get(0)));
    assertEquals("TUMBLE_END", operatorName(tumble.getSelectList().get(1)));

    SqlSelect hop =
        parse(
            "SELECT HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE),"
                + " HOP_END(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), k, SUM(v)"
                + " FROM t GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), k",
            SqlSelect.class);
    SqlCall hopGroup = (SqlCall) hop.getGroup().get(0);
    assertEquals(SqlKind.HOP, hopGroup.getKind());
    assertEquals(3, hopGroup.operandCount());
    assertEquals("HOP_START", operatorName(hop.getSelectList().get(0)));
    assertEquals("HOP_END", operatorName(hop.getSelectList().get(1)));
  }

  private static String operatorName(SqlNode call) {
    return ((SqlCall) call).getOperator().getName();
  }

  @Test
  void configWorksWithCalcitesOwnSqlParser() throws Exception {
    SqlNode node = SqlParser.create("SHOW TABLES", WeirSqlParser.config()).parseStmt();
    assertEquals(SqlShow.Target.TABLES, assertInstanceOf(SqlShow.class, node).getTarget());
    assertEquals(Quoting.BACK_TICK, WeirSqlParser.config().quoting());
    assertEquals(Casing.UNCHANGED, WeirSqlParser.config().unquotedCasing());
    assertTrue(WeirSqlParser.config().caseSensitive());
  }

  @Test
  void expressions() {
    SqlNode minus = WeirSqlParser.parseExpression("ts - INTERVAL '4' SECOND");
    assertEquals(SqlKind.MINUS, minus.getKind());
    SqlNode call = WeirSqlParser.parseExpression("TO_TIMESTAMP_LTZ(seq / 10, 3)");
    assertEquals("TO_TIMESTAMP_LTZ", ((SqlCall) call).getOperator().getName());
    SqlNode cast = WeirSqlParser.parseExpression("CAST(x AS STRING)");
    assertEquals(SqlKind.CAST, cast.getKind());
  }
}
