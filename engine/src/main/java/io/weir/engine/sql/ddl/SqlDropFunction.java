package io.weir.engine.sql.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP [TEMPORARY] FUNCTION [IF EXISTS] name}: drops a function. */
public final class SqlDropFunction extends SqlDropObject {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP FUNCTION", SqlKind.DROP_FUNCTION);

  public SqlDropFunction(SqlParserPos pos, boolean temporary, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, "FUNCTION", pos, temporary, ifExists, name);
  }
}
