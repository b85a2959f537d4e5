package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code WATERMARK FOR column AS expression} in a {@code CREATE TABLE}: the column is the event
 * time, the expression (over the table's columns) gives the watermark for each row, typically
 * {@code ts - INTERVAL '5' SECOND}.
 */
public final class SqlWatermark extends SqlCall {

  public static final SqlOperator OPERATOR = new SqlSpecialOperator("WATERMARK", SqlKind.OTHER);

  private final SqlIdentifier eventTimeColumn;
  private final SqlNode strategy;

  public SqlWatermark(SqlParserPos pos, SqlIdentifier eventTimeColumn, SqlNode strategy) {
    super(pos);
    this.eventTimeColumn = Objects.requireNonNull(eventTimeColumn, "eventTimeColumn");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
  }

  /** The event-time column, as written. */
  public SqlIdentifier getEventTimeColumn() {
    return eventTimeColumn;
  }

  /** The event-time column's name. */
  public String getEventTimeColumnName() {
    return eventTimeColumn.getSimple();
  }

  /** The watermark expression, such as {@code ts - INTERVAL '4' SECOND}. */
  public SqlNode getStrategy() {
    return strategy;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(eventTimeColumn, strategy);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("WATERMARK");
    writer.keyword("FOR");
    eventTimeColumn.unparse(writer, leftPrec, rightPrec);
    writer.keyword("AS");
    strategy.unparse(writer, 0, 0);
  }
}
