package io.weir.engine.sql.parser;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * The dialect {@link WeirSqlParser#toSql} prints with: identifiers in back-ticks with their case
 * kept (Flink's lexical policy), and the legacy group-window calls {@code TUMBLE}, {@code HOP}
 * and {@code SESSION} in {@code GROUP BY} under their SQL names (Calcite's operators are named
 * {@code $TUMBLE}, … which would not parse back).
 */
final class WeirSqlDialect extends SqlDialect {

  WeirSqlDialect() {
    super(
        EMPTY_CONTEXT
            .withIdentifierQuoteString("`")
            .withQuotedCasing(Casing.UNCHANGED)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true));
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getOperator() instanceof SqlGroupedWindowFunction
        && call.getOperator().getName().startsWith("$")) {
      SqlWriter.Frame frame = writer.startFunCall(call.getOperator().getName().substring(1));
      for (SqlNode operand : call.getOperandList()) {
        writer.sep(",");
        operand.unparse(writer, 0, 0);
      }
      writer.endFunCall(frame);
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }
}
