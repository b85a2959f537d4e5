package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code RESET 'key'} (one setting back to its default) or a bare {@code RESET} (all of them), as
 * in the Flink SQL client. Calcite's {@code RESET identifier} and {@code RESET ALL} give a
 * {@link org.apache.calcite.sql.SqlSetOption} instead.
 */
public final class SqlReset extends SqlCall {

  public static final SqlOperator OPERATOR = new SqlSpecialOperator("RESET", SqlKind.SET_OPTION);

  private final SqlCharStringLiteral key;

  /** Creates {@code RESET 'key'}, or a bare {@code RESET} when key is null. */
  public SqlReset(SqlParserPos pos, SqlCharStringLiteral key) {
    super(pos);
    this.key = key;
  }

  /** The key; empty for a bare {@code RESET}, which resets everything. */
  public Optional<String> getKey() {
    return Optional.ofNullable(key).map(DdlUnparse::string);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(key);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("RESET");
    if (key != null) {
      key.unparse(writer, leftPrec, rightPrec);
    }
  }
}
