package io.weir.engine.sql.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** Printing and reading helpers shared by the DDL nodes. */
final class DdlUnparse {

  private DdlUnparse() {}

  /** The string value of a character literal. */
  static String string(SqlCharStringLiteral literal) {
    return literal.getValueAs(String.class);
  }

  /** The simple names of a list of identifiers, in order. */
  static List<String> names(SqlNodeList identifiers) {
    List<String> names = new ArrayList<>(identifiers.size());
    for (SqlNode node : identifiers) {
      names.add(((SqlIdentifier) node).getSimple());
    }
    return Collections.unmodifiableList(names);
  }

  /** The options as a map in declaration order. */
  static Map<String, String> options(List<SqlTableOption> options) {
    Map<String, String> map = new LinkedHashMap<>();
    for (SqlTableOption option : options) {
      map.put(option.getKey(), option.getValue());
    }
    return Collections.unmodifiableMap(map);
  }

  /** Prints {@code WITH ('k' = 'v', ...)}, one option per line; nothing when empty. */
  static void with(SqlWriter writer, List<SqlTableOption> options) {
    if (options.isEmpty()) {
      return;
    }
    writer.keyword("WITH");
    SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.create("OPTIONS"), "(", ")");
    for (SqlTableOption option : options) {
      writer.sep(",", false);
      writer.newlineAndIndent();
      writer.print("  ");
      option.unparse(writer, 0, 0);
    }
    writer.newlineAndIndent();
    writer.endList(frame);
  }

  /** Prints {@code (a, b, c)}. */
  static void identifierList(SqlWriter writer, SqlNodeList identifiers) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : identifiers) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
