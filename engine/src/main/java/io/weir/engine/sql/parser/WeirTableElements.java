package io.weir.engine.sql.parser;

import io.weir.engine.sql.ddl.SqlPrimaryKey;
import io.weir.engine.sql.ddl.SqlTableColumn;
import io.weir.engine.sql.ddl.SqlWatermark;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * What the generated parser collects between the parentheses of a {@code CREATE TABLE}, in
 * declaration order; checked and turned into a node by {@link WeirParserActions#createTable}.
 */
final class WeirTableElements {

  final List<SqlTableColumn> columns = new ArrayList<>();
  final List<SqlWatermark> watermarks = new ArrayList<>();
  final List<SqlPrimaryKey> primaryKeys = new ArrayList<>();

  /**
   * Adds a column as the grammar read it: computed when {@code expression} is not null, metadata
   * when {@code metadata}, physical otherwise. {@code keyPos} is the position of a column-level
   * {@code PRIMARY KEY}, or null.
   */
  void addColumn(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable,
      SqlNode expression, boolean metadata, SqlCharStringLiteral metadataKey, boolean virtual,
      SqlCharStringLiteral comment, SqlParserPos keyPos) {
    if (expression != null) {
      columns.add(SqlTableColumn.computed(pos, name, expression, comment));
    } else if (metadata) {
      columns.add(SqlTableColumn.metadata(pos, name, type.withNullable(nullable), metadataKey,
          virtual, comment));
    } else {
      columns.add(SqlTableColumn.physical(pos, name, type.withNullable(nullable), comment));
    }
    if (keyPos != null) {
      primaryKeys.add(new SqlPrimaryKey(keyPos, null,
          new SqlNodeList(List.of(name), name.getParserPosition())));
    }
  }
}
