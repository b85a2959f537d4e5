package io.weir.engine.sql.parser;

import io.weir.engine.sql.ddl.SqlCreateFunction;
import io.weir.engine.sql.ddl.SqlCreateTable;
import io.weir.engine.sql.ddl.SqlPrimaryKey;
import io.weir.engine.sql.ddl.SqlTableColumn;
import io.weir.engine.sql.ddl.SqlTableOption;
import io.weir.engine.sql.ddl.SqlWatermark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Checks the generated parser runs while building DDL nodes: the structural rules a statement
 * must follow whatever the catalog holds (unique names, one watermark, keys that name declared
 * columns). A broken rule is thrown as a {@link CalciteContextException} carrying the offending
 * node's position, which the parser turns into a positioned parse error.
 */
final class WeirParserActions {

  private WeirParserActions() {}

  /** Builds a {@code CREATE TABLE} node after checking its elements and options. */
  static SqlCreateTable createTable(SqlParserPos pos, boolean replace, boolean temporary,
      boolean ifNotExists, SqlIdentifier name, WeirTableElements elements,
      SqlCharStringLiteral comment, SqlNodeList partitionKeys, List<SqlTableOption> options) {
    Set<String> columnNames = new HashSet<>();
    List<String> declared = new ArrayList<>();
    for (SqlTableColumn column : elements.columns) {
      if (!columnNames.add(column.getNameString())) {
        throw error(column.getName().getParserPosition(),
            "Duplicate column '" + column.getNameString() + "' in table " + name);
      }
      declared.add(column.getNameString());
    }
    if (elements.watermarks.size() > 1) {
      throw error(elements.watermarks.get(1).getParserPosition(),
          "Table " + name + " has more than one WATERMARK; only one is allowed");
    }
    SqlWatermark watermark = elements.watermarks.isEmpty() ? null : elements.watermarks.get(0);
    if (watermark != null) {
      checkDeclared(watermark.getEventTimeColumn(), columnNames, declared, "WATERMARK FOR");
    }
    if (elements.primaryKeys.size() > 1) {
      throw error(elements.primaryKeys.get(1).getParserPosition(),
          "Table " + name + " has more than one PRIMARY KEY; only one is allowed");
    }
    SqlPrimaryKey primaryKey = elements.primaryKeys.isEmpty() ? null : elements.primaryKeys.get(0);
    if (primaryKey != null) {
      checkUnique(primaryKey.getColumns(), "PRIMARY KEY");
      for (SqlNode column : primaryKey.getColumns()) {
        checkDeclared((SqlIdentifier) column, columnNames, declared, "PRIMARY KEY");
      }
    }
    checkUnique(partitionKeys, "PARTITIONED BY");
    for (SqlNode column : partitionKeys) {
      checkDeclared((SqlIdentifier) column, columnNames, declared, "PARTITIONED BY");
    }
    checkOptions(options);
    return new SqlCreateTable(pos, replace, temporary, ifNotExists, name, elements.columns,
        watermark, primaryKey, comment, partitionKeys, options);
  }

  /** Builds a {@code CREATE FUNCTION} node after checking its options. */
  static SqlCreateFunction createFunction(SqlParserPos pos, boolean replace, boolean temporary,
      boolean ifNotExists, SqlIdentifier name, SqlCharStringLiteral className,
      List<SqlCharStringLiteral> jars, List<SqlTableOption> options) {
    checkOptions(options);
    return new SqlCreateFunction(pos, replace, temporary, ifNotExists, name, className, jars,
        options);
  }

  /** Accepts only {@code LANGUAGE JAVA}. */
  static void checkLanguage(SqlIdentifier language) {
    String value = language.getSimple().toUpperCase(Locale.ROOT);
    if (!SqlCreateFunction.JAVA.equals(value)) {
      throw error(language.getParserPosition(),
          "Unsupported function language '" + language.getSimple() + "'; only JAVA is supported");
    }
  }

  private static void checkOptions(List<SqlTableOption> options) {
    Set<String> keys = new HashSet<>();
    for (SqlTableOption option : options) {
      if (!keys.add(option.getKey())) {
        throw error(option.getKeyNode().getParserPosition(),
            "Duplicate option '" + option.getKey() + "'");
      }
    }
  }

  private static void checkUnique(SqlNodeList identifiers, String clause) {
    Set<String> seen = new HashSet<>();
    for (SqlNode node : identifiers) {
      SqlIdentifier id = (SqlIdentifier) node;
      if (!seen.add(id.getSimple())) {
        throw error(id.getParserPosition(),
            "Column '" + id.getSimple() + "' appears twice in " + clause);
      }
    }
  }

  private static void checkDeclared(SqlIdentifier column, Set<String> columnNames,
      List<String> declared, String clause) {
    if (!columnNames.contains(column.getSimple())) {
      throw error(column.getParserPosition(),
          clause + " names unknown column '" + column.getSimple() + "'; the columns are "
              + String.join(", ", declared));
    }
  }

  /** A positioned error the parser reports as a parse error at {@code pos}. */
  static CalciteContextException error(SqlParserPos pos, String message) {
    return new CalciteContextException(message, new WeirDdlException(message),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }

  /** The cause of a DDL rule error; its message is the one the user sees. */
  static final class WeirDdlException extends RuntimeException {
    WeirDdlException(String message) {
      super(message);
    }
  }
}
