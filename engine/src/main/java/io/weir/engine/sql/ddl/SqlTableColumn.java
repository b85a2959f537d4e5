package io.weir.engine.sql.ddl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * One column of a {@code CREATE TABLE}, in one of three kinds (as in Flink):
 *
 * <ul>
 *   <li>{@link Kind#PHYSICAL}: {@code name type [NOT NULL] [COMMENT '…']}, read from the source;
 *   <li>{@link Kind#COMPUTED}: {@code name AS expression [COMMENT '…']}, computed from the other
 *       columns of the same row;
 *   <li>{@link Kind#METADATA}: {@code name type METADATA [FROM 'key'] [VIRTUAL] [COMMENT '…']}, a
 *       value the connector supplies (such as a Kafka record's timestamp).
 * </ul>
 */
public final class SqlTableColumn extends SqlCall {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  /** How a column gets its value. */
  public enum Kind {
    /** Read from the source. */
    PHYSICAL,
    /** Computed from an expression over the other columns. */
    COMPUTED,
    /** Supplied by the connector. */
    METADATA
  }

  private final Kind kind;
  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;
  private final SqlNode expression;
  private final SqlCharStringLiteral metadataKey;
  private final boolean virtual;
  private final SqlCharStringLiteral comment;

  private SqlTableColumn(SqlParserPos pos, Kind kind, SqlIdentifier name, SqlDataTypeSpec type,
      SqlNode expression, SqlCharStringLiteral metadataKey, boolean virtual,
      SqlCharStringLiteral comment) {
    super(pos);
    this.kind = kind;
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.expression = expression;
    this.metadataKey = metadataKey;
    this.virtual = virtual;
    this.comment = comment;
  }

  /**
   * A physical column. The type's nullability ({@link SqlDataTypeSpec#getNullable()}) is false
   * for {@code NOT NULL} and true otherwise. {@code comment} may be null.
   */
  public static SqlTableColumn physical(SqlParserPos pos, SqlIdentifier name,
      SqlDataTypeSpec type, SqlCharStringLiteral comment) {
    return new SqlTableColumn(pos, Kind.PHYSICAL, name, Objects.requireNonNull(type, "type"),
        null, null, false, comment);
  }

  /** A computed column; {@code comment} may be null. */
  public static SqlTableColumn computed(SqlParserPos pos, SqlIdentifier name, SqlNode expression,
      SqlCharStringLiteral comment) {
    return new SqlTableColumn(pos, Kind.COMPUTED, name, null,
        Objects.requireNonNull(expression, "expression"), null, false, comment);
  }

  /** A metadata column; {@code metadataKey} and {@code comment} may be null. */
  public static SqlTableColumn metadata(SqlParserPos pos, SqlIdentifier name,
      SqlDataTypeSpec type, SqlCharStringLiteral metadataKey, boolean virtual,
      SqlCharStringLiteral comment) {
    return new SqlTableColumn(pos, Kind.METADATA, name, Objects.requireNonNull(type, "type"),
        null, metadataKey, virtual, comment);
  }

  /** How the column gets its value. */
  public Kind getColumnKind() {
    return kind;
  }

  /** The column's name as written (identifier, for its position). */
  public SqlIdentifier getName() {
    return name;
  }

  /** The column's name. */
  public String getNameString() {
    return name.getSimple();
  }

  /** The declared type of a physical or metadata column; empty for a computed column. */
  public Optional<SqlDataTypeSpec> getType() {
    return Optional.ofNullable(type);
  }

  /**
   * False when the column was declared {@code NOT NULL}; true otherwise (and for computed
   * columns, whose nullability follows from their expression).
   */
  public boolean isNullable() {
    return type == null || !Boolean.FALSE.equals(type.getNullable());
  }

  /** The expression of a computed column; empty for other kinds. */
  public Optional<SqlNode> getExpression() {
    return Optional.ofNullable(expression);
  }

  /**
   * The key after {@code METADATA FROM} of a metadata column; empty when not given (the
   * column's name is then the key) and for other kinds.
   */
  public Optional<String> getMetadataKey() {
    return Optional.ofNullable(metadataKey).map(DdlUnparse::string);
  }

  /** Whether a metadata column is {@code VIRTUAL} (read-only: not written by a sink). */
  public boolean isVirtual() {
    return virtual;
  }

  /** The column's comment, if any. */
  public Optional<String> getComment() {
    return Optional.ofNullable(comment).map(DdlUnparse::string);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, type, expression, metadataKey, comment);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, leftPrec, rightPrec);
    if (kind == Kind.COMPUTED) {
      writer.keyword("AS");
      expression.unparse(writer, 0, 0);
    } else {
      type.unparse(writer, leftPrec, rightPrec);
      if (Boolean.FALSE.equals(type.getNullable())) {
        writer.keyword("NOT NULL");
      }
      if (kind == Kind.METADATA) {
        writer.keyword("METADATA");
        if (metadataKey != null) {
          writer.keyword("FROM");
          metadataKey.unparse(writer, leftPrec, rightPrec);
        }
        if (virtual) {
          writer.keyword("VIRTUAL");
        }
      }
    }
    if (comment != null) {
      writer.keyword("COMMENT");
      comment.unparse(writer, leftPrec, rightPrec);
    }
  }
}
