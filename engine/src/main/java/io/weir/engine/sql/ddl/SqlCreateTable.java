package io.weir.engine.sql.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * {@code CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name (columns, [WATERMARK FOR …],
 * [PRIMARY KEY (…) NOT ENFORCED]) [COMMENT '…'] [PARTITIONED BY (…)] [WITH ('k' = 'v', …)]}, the
 * Flink form.
 *
 * <p>The parser has already checked that column names are unique, that there is at most one
 * watermark and one primary key, that they name declared columns, and that option keys are
 * unique; types and expressions are the planner's to check.
 */
public final class SqlCreateTable extends SqlCreate {

  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final boolean temporary;
  private final List<SqlTableColumn> columns;
  private final SqlWatermark watermark;
  private final SqlPrimaryKey primaryKey;
  private final SqlCharStringLiteral comment;
  private final SqlNodeList partitionKeys;
  private final List<SqlTableOption> options;

  /** Creates the node; {@code watermark}, {@code primaryKey} and {@code comment} may be null. */
  public SqlCreateTable(SqlParserPos pos, boolean replace, boolean temporary, boolean ifNotExists,
      SqlIdentifier name, List<SqlTableColumn> columns, SqlWatermark watermark,
      SqlPrimaryKey primaryKey, SqlCharStringLiteral comment, SqlNodeList partitionKeys,
      List<SqlTableOption> options) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.temporary = temporary;
    this.columns = List.copyOf(columns);
    this.watermark = watermark;
    this.primaryKey = primaryKey;
    this.comment = comment;
    this.partitionKeys = Objects.requireNonNull(partitionKeys, "partitionKeys");
    this.options = List.copyOf(options);
  }

  /** The table's name, possibly compound ({@code db.t}). */
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

  /** The columns in declaration order (physical, computed and metadata mixed as written). */
  public List<SqlTableColumn> getColumns() {
    return columns;
  }

  /** The columns' names in order. */
  public List<String> getColumnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (SqlTableColumn column : columns) {
      names.add(column.getNameString());
    }
    return Collections.unmodifiableList(names);
  }

  /** The {@code WATERMARK FOR} clause, if any. */
  public Optional<SqlWatermark> getWatermark() {
    return Optional.ofNullable(watermark);
  }

  /** The primary key (table- or column-level), if any. */
  public Optional<SqlPrimaryKey> getPrimaryKey() {
    return Optional.ofNullable(primaryKey);
  }

  /** The table's comment, if any. */
  public Optional<String> getComment() {
    return Optional.ofNullable(comment).map(DdlUnparse::string);
  }

  /** The {@code PARTITIONED BY} column names; empty when absent. */
  public List<String> getPartitionKeys() {
    return DdlUnparse.names(partitionKeys);
  }

  /** The {@code WITH} options as a map in declaration order; empty when absent. */
  public Map<String, String> getOptions() {
    return DdlUnparse.options(options);
  }

  /** The {@code WITH} options as nodes, for their positions. */
  public List<SqlTableOption> getOptionNodes() {
    return options;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(name);
    operands.add(new SqlNodeList(columns, SqlParserPos.ZERO));
    operands.add(watermark);
    operands.add(primaryKey);
    operands.add(comment);
    operands.add(partitionKeys);
    operands.add(new SqlNodeList(options, SqlParserPos.ZERO));
    return ImmutableNullableList.copyOf(operands);
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
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.create("COLUMNS"), "(", ")");
    List<SqlNode> elements = new ArrayList<>(columns);
    if (watermark != null) {
      elements.add(watermark);
    }
    if (primaryKey != null) {
      elements.add(primaryKey);
    }
    for (SqlNode element : elements) {
      writer.sep(",", false);
      writer.newlineAndIndent();
      writer.print("  ");
      element.unparse(writer, 0, 0);
    }
    writer.newlineAndIndent();
    writer.endList(frame);
    if (comment != null) {
      writer.newlineAndIndent();
      writer.keyword("COMMENT");
      comment.unparse(writer, leftPrec, rightPrec);
    }
    if (partitionKeys.size() > 0) {
      writer.newlineAndIndent();
      writer.keyword("PARTITIONED BY");
      DdlUnparse.identifierList(writer, partitionKeys);
    }
    if (!options.isEmpty()) {
      writer.newlineAndIndent();
      DdlUnparse.with(writer, options);
    }
  }
}
