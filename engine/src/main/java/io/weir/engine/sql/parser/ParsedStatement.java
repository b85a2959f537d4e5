package io.weir.engine.sql.parser;

import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * One statement of a script.
 *
 * @param node the parse tree; positions inside it are relative to the whole script
 * @param text the statement's exact source text, from its first token to its last (comments
 *     before it and the separating semicolon excluded, comments inside it kept)
 * @param line 1-based line of the statement's first token in the script
 * @param column 1-based column of the statement's first token in the script
 */
public record ParsedStatement(SqlNode node, String text, int line, int column) {

  public ParsedStatement {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(text, "text");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "line and column are 1-based, got line " + line + ", column " + column);
    }
  }
}
