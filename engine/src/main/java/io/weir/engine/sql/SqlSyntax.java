package io.weir.engine.sql;

import io.weir.engine.sql.parser.WeirSqlParser;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Weir's lexical policy — Flink's: back-tick quoting, identifiers case-sensitive and kept as
 * written (see {@link WeirSqlParser}) — and helpers on SQL text.
 */
public final class SqlSyntax {
  public static final SqlConformance CONFORMANCE = SqlConformanceEnum.DEFAULT;

  private SqlSyntax() {}

  public static SqlParser.Config config() {
    return WeirSqlParser.config();
  }

  public static SqlNode parseQuery(String sql) {
    return WeirSqlParser.parseStatement(sql);
  }

  public static SqlNode parseExpression(String sql) {
    return WeirSqlParser.parseExpression(sql);
  }

  /** The source text between a parser position's start and end (both inclusive, 1-based). */
  public static String textOf(org.apache.calcite.sql.parser.SqlParserPos pos, String script) {
    String[] lines = script.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int line = pos.getLineNum(); line <= pos.getEndLineNum(); line++) {
      String text = lines[line - 1];
      int from = line == pos.getLineNum() ? pos.getColumnNum() - 1 : 0;
      int to = line == pos.getEndLineNum() ? Math.min(text.length(), pos.getEndColumnNum()) : text.length();
      sb.append(text, from, to);
      if (line < pos.getEndLineNum()) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** An identifier in back-ticks, as Flink quotes it. */
  public static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

}
