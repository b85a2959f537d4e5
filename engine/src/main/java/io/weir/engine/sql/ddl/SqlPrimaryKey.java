package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code [CONSTRAINT name] PRIMARY KEY (a, b) NOT ENFORCED}: a key the data is declared to have
 * but that Weir does not check (as in Flink). A column-level {@code PRIMARY KEY NOT ENFORCED} is
 * turned into this form.
 */
public final class SqlPrimaryKey extends SqlCall {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY);

  private final SqlIdentifier constraintName;
  private final SqlNodeList columns;

  /** Creates a key; {@code constraintName} may be null. */
  public SqlPrimaryKey(SqlParserPos pos, SqlIdentifier constraintName, SqlNodeList columns) {
    super(pos);
    this.constraintName = constraintName;
    this.columns = Objects.requireNonNull(columns, "columns");
  }

  /** The name after {@code CONSTRAINT}, if one was given. */
  public Optional<SqlIdentifier> getConstraintName() {
    return Optional.ofNullable(constraintName);
  }

  /** The key's columns as identifiers, in order. */
  public SqlNodeList getColumns() {
    return columns;
  }

  /** The key's column names, in order. */
  public List<String> getColumnNames() {
    return DdlUnparse.names(columns);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(constraintName, columns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (constraintName != null) {
      writer.keyword("CONSTRAINT");
      constraintName.unparse(writer, leftPrec, rightPrec);
    }
    writer.keyword("PRIMARY KEY");
    DdlUnparse.identifierList(writer, columns);
    writer.keyword("NOT ENFORCED");
  }
}
