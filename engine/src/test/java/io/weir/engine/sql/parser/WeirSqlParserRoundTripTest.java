package io.weir.engine.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Printing a tree back as SQL loses nothing: parse, print, parse again gives an equal tree that
 * prints the same.
 */
class WeirSqlParserRoundTripTest {

  static Stream<String> statements() {
    return Stream.of(
        """
        CREATE TABLE bid (
          seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT,
          ts AS TO_TIMESTAMP_LTZ(seq / 10, 3),
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH ('connector' = 'datagen', 'number-of-rows' = '20000000')""",
        "CREATE OR REPLACE TEMPORARY TABLE IF NOT EXISTS db.`Orders` (id BIGINT NOT NULL"
            + " COMMENT 'it''s the id', `Name` STRING, raw BYTES, tags ARRAY<ARRAY<INT NOT NULL>>,"
            + " amount DECIMAL(10, 2), v VARCHAR(20), f FLOAT, d DOUBLE, b BOOLEAN, ti TINYINT,"
            + " si SMALLINT, dt DATE, ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3), arr INT ARRAY,"
            + " kts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL, p INT METADATA,"
            + " total AS amount * 2 COMMENT 'computed',"
            + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,"
            + " CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED) COMMENT 'orders'"
            + " PARTITIONED BY (dt) WITH ('connector' = 'kafka', 'topic' = 'orders')",
        "CREATE TABLE k (id INT PRIMARY KEY NOT ENFORCED, v STRING)",
        "DROP TABLE IF EXISTS t",
        "DROP TEMPORARY TABLE t",
        "SHOW TABLES",
        "SHOW VIEWS",
        "SHOW FUNCTIONS",
        "SHOW QUERIES",
        "DESCRIBE t",
        "DESC t",
        "DESCRIBE FUNCTION f",
        "CREATE OR REPLACE TEMPORARY VIEW IF NOT EXISTS v (a, b) COMMENT 'c' AS"
            + " SELECT x, y FROM t WHERE x > 1",
        "CREATE VIEW v AS SELECT * FROM t",
        "DROP VIEW IF EXISTS v",
        "SET 'a.b' = 'c'",
        "SET",
        "SET x = 1",
        "RESET 'a.b'",
        "RESET",
        "RESET ALL",
        "STOP QUERY 'q-1'",
        "CREATE FUNCTION f AS 'com.example.F'",
        "CREATE OR REPLACE TEMPORARY FUNCTION IF NOT EXISTS f AS 'com.example.F' LANGUAGE JAVA"
            + " USING JAR 'a.jar', JAR 'b.jar' WITH ('batch.size' = '256')",
        "DROP FUNCTION IF EXISTS f",
        "EXPLAIN SELECT a FROM t",
        "EXPLAIN INSERT INTO s SELECT a FROM t",
        "EXPLAIN PLAN WITHOUT IMPLEMENTATION AS JSON FOR SELECT 1",
        "SELECT CAST(a AS STRING), CAST(b AS TIMESTAMP_LTZ(3)), CAST(c AS ARRAY<BIGINT>),"
            + " CAST(d AS BYTES) FROM t",
        "INSERT INTO sink SELECT auction, window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE"
            + " bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY"
            + " auction, window_start, window_end",
        "SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))",
        "SELECT * FROM TABLE(HOP(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts),"
            + " SLIDE => INTERVAL '2' SECOND, SIZE => INTERVAL '10' SECOND))",
        "SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE), k, COUNT(*) FROM t"
            + " GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), k",
        "SELECT a, b FROM t JOIN u ON t.id = u.id WHERE a IN (SELECT x FROM v)"
            + " ORDER BY a DESC, b LIMIT 10",
        "SELECT a FROM t UNION ALL SELECT b FROM u",
        "SELECT `Mixed Case`, `select` FROM `My Table`",
        "SELECT HOP_END(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), k FROM t"
            + " GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE), k");
  }

  @ParameterizedTest
  @MethodSource("statements")
  void printsBackToAnEqualTree(String sql) {
    SqlNode first = WeirSqlParser.parseStatement(sql);
    String printed = WeirSqlParser.toSql(first);
    SqlNode second = WeirSqlParser.parseStatement(printed);
    assertEquals(printed, WeirSqlParser.toSql(second), () -> "printed form of: " + sql);
    assertTrue(first.equalsDeep(second, Litmus.IGNORE), () -> "trees differ for: " + printed);
    assertEquals(first.getClass(), second.getClass());
  }
}
