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
 * {@code SET 'key' = 'value'} (Flink SQL client form), or a bare {@code SET}, which lists the
 * current settings. Calcite's own {@code SET identifier = value} gives a
 * {@link org.apache.calcite.sql.SqlSetOption} instead.
 */
public final class SqlSet extends SqlCall {

  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.SET_OPTION);

  private final SqlCharStringLiteral key;
  private final SqlCharStringLiteral value;

  /** Creates {@code SET 'key' = 'value'}, or a bare {@code SET} when both are null. */
  public SqlSet(SqlParserPos pos, SqlCharStringLiteral key, SqlCharStringLiteral value) {
    super(pos);
    if ((key == null) != (value == null)) {
      throw new IllegalArgumentException(
          "SET needs both a key and a value or neither, got key " + key + " and value " + value);
    }
    this.key = key;
    this.value = value;
  }

  /** The key; empty for a bare {@code SET}. */
  public Optional<String> getKey() {
    return Optional.ofNullable(key).map(DdlUnparse::string);
  }

  /** The value; empty for a bare {@code SET}. */
  public Optional<String> getValue() {
    return Optional.ofNullable(value).map(DdlUnparse::string);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(key, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SET");
    if (key != null) {
      key.unparse(writer, leftPrec, rightPrec);
      writer.keyword("=");
      value.unparse(writer, leftPrec, rightPrec);
    }
  }
}
