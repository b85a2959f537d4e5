package io.weir.engine.sql.ddl;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Flink's {@code STRING} ({@code VARCHAR} of the largest length) and {@code BYTES}
 * ({@code VARBINARY} of the largest length). The precision is {@link Integer#MAX_VALUE}; Calcite's
 * type factory lowers it to the type system's maximum when the type is derived. Prints back as
 * the Flink name.
 */
public final class SqlMaxLengthTypeNameSpec extends SqlBasicTypeNameSpec {

  private final String alias;

  private SqlMaxLengthTypeNameSpec(SqlTypeName typeName, String alias, SqlParserPos pos) {
    super(typeName, Integer.MAX_VALUE, pos);
    this.alias = alias;
  }

  /** {@code STRING}: {@code VARCHAR(Integer.MAX_VALUE)}. */
  public static SqlMaxLengthTypeNameSpec string(SqlParserPos pos) {
    return new SqlMaxLengthTypeNameSpec(SqlTypeName.VARCHAR, "STRING", pos);
  }

  /** {@code BYTES}: {@code VARBINARY(Integer.MAX_VALUE)}. */
  public static SqlMaxLengthTypeNameSpec bytes(SqlParserPos pos) {
    return new SqlMaxLengthTypeNameSpec(SqlTypeName.VARBINARY, "BYTES", pos);
  }

  /** The Flink name: {@code STRING} or {@code BYTES}. */
  public String getAlias() {
    return alias;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(alias);
  }
}
