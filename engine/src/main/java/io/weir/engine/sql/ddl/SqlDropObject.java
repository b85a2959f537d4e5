package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP [TEMPORARY] <what> [IF EXISTS] name}: what the DROP statements share. */
public abstract class SqlDropObject extends SqlDrop {
  private final String what;
  private final SqlIdentifier name;
  private final boolean temporary;

  protected SqlDropObject(SqlOperator operator, String what, SqlParserPos pos, boolean temporary,
      boolean ifExists, SqlIdentifier name) {
    super(operator, pos, ifExists);
    this.what = what;
    this.name = Objects.requireNonNull(name, "name");
    this.temporary = temporary;
  }

  /** The name of the object to drop. */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether {@code IF EXISTS} was given. */
  public boolean isIfExists() {
    return ifExists;
  }

  /** Whether {@code TEMPORARY} was given. */
  public boolean isTemporary() {
    return temporary;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP");
    if (temporary) {
      writer.keyword("TEMPORARY");
    }
    writer.keyword(what);
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}
