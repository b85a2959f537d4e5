package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
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
 * {@code CREATE [OR REPLACE] [TEMPORARY] VIEW [IF NOT EXISTS] name [(c1, c2)] [COMMENT '…'] AS
 * query}.
 */
public final class SqlCreateView extends SqlCreate {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

  private final SqlIdentifier name;
  private final boolean temporary;
  private final SqlNodeList columnList;
  private final SqlCharStringLiteral comment;
  private final SqlNode query;

  /** Creates the node; {@code columnList} is empty when no names were given, comment may be null. */
  public SqlCreateView(SqlParserPos pos, boolean replace, boolean temporary, boolean ifNotExists,
      SqlIdentifier name, SqlNodeList columnList, SqlCharStringLiteral comment, SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.temporary = temporary;
    this.columnList = Objects.requireNonNull(columnList, "columnList");
    this.comment = comment;
    this.query = Objects.requireNonNull(query, "query");
  }

  /** The view's name. */
  public SqlIdentifier getName() {
    return name;
  }

  /** Whether {@code TEMPORARY} was given. */
  public boolean isTemporary() {
    return temporary;
  }

  /** Whether {@code IF NOT EXISTS} was given. */
  public boolean isIfNotExists() {
    return ifNotExists;
  }

  /** The column names given after the view's name, as identifiers; empty when none were given. */
  public SqlNodeList getColumnList() {
    return columnList;
  }

  /** The column names given after the view's name; empty when none were given. */
  public List<String> getColumnNames() {
    return DdlUnparse.names(columnList);
  }

  /** The view's comment, if any. */
  public Optional<String> getComment() {
    return Optional.ofNullable(comment).map(DdlUnparse::string);
  }

  /** The view's query. */
  public SqlNode getQuery() {
    return query;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columnList, comment, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    if (temporary) {
      writer.keyword("TEMPORARY");
    }
    writer.keyword("VIEW");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (columnList.size() > 0) {
      DdlUnparse.identifierList(writer, columnList);
    }
    if (comment != null) {
      writer.keyword("COMMENT");
      comment.unparse(writer, leftPrec, rightPrec);
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
