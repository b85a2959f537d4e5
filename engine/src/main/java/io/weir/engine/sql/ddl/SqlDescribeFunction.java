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
 * {@code DESCRIBE FUNCTION name} (or {@code DESC FUNCTION name}). {@code DESCRIBE name} and
 * {@code DESC name} give Calcite's {@link org.apache.calcite.sql.SqlDescribeTable}.
 */
public final class SqlDescribeFunction extends SqlCall {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DESCRIBE FUNCTION", SqlKind.OTHER);

  private final SqlIdentifier name;

  public SqlDescribeFunction(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The function's name. */
  public SqlIdentifier getName() {
    return name;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DESCRIBE");
    writer.keyword("FUNCTION");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
