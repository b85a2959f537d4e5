package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code STOP QUERY 'id'}: stops a running query (ids as {@code SHOW QUERIES} lists them). */
public final class SqlStopQuery extends SqlCall {

  public static final SqlOperator OPERATOR = new SqlSpecialOperator("STOP QUERY", SqlKind.OTHER);

  private final SqlCharStringLiteral queryId;

  public SqlStopQuery(SqlParserPos pos, SqlCharStringLiteral queryId) {
    super(pos);
    this.queryId = Objects.requireNonNull(queryId, "queryId");
  }

  /** The query's id. */
  public String getQueryId() {
    return DdlUnparse.string(queryId);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(queryId);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("STOP");
    writer.keyword("QUERY");
    queryId.unparse(writer, leftPrec, rightPrec);
  }
}
