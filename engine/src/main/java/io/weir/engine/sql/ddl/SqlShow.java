package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TABLES}, {@code SHOW VIEWS}, {@code SHOW FUNCTIONS} or {@code SHOW QUERIES}. */
public final class SqlShow extends SqlCall {

  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

  /** What is listed. */
  public enum Target {
    TABLES,
    VIEWS,
    FUNCTIONS,
    QUERIES
  }

  private final Target target;

  public SqlShow(SqlParserPos pos, Target target) {
    super(pos);
    this.target = Objects.requireNonNull(target, "target");
  }

  /** What is listed. */
  public Target getTarget() {
    return target;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(SqlLiteral.createSymbol(target, SqlParserPos.ZERO));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW");
    writer.keyword(target.name());
  }
}
