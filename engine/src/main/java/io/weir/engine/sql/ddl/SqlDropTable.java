package io.weir.engine.sql.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP [TEMPORARY] TABLE [IF EXISTS] name}: drops a table. */
public final class SqlDropTable extends SqlDropObject {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);

  public SqlDropTable(SqlParserPos pos, boolean temporary, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, "TABLE", pos, temporary, ifExists, name);
  }
}
