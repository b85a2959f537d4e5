package io.weir.engine.sql;

import io.weir.engine.errors.WeirException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Turns Calcite's parse and validation exceptions into positioned {@link WeirException}s. */
public final class SqlErrors {
  private SqlErrors() {}

  public static WeirException of(CalciteContextException e) {
    String message = e.getCause() != null && e.getCause().getMessage() != null
        ? e.getCause().getMessage() : e.getMessage();
    return WeirException.sql(message, e.getPosLine(), e.getPosColumn());
  }

  public static WeirException of(SqlParseException e) {
    SqlParserPos pos = e.getPos();
    String message = e.getMessage();
    // Calcite lists every token it expected; keep the first line, which names what it found.
    int cut = message.indexOf("\nWas expecting");
    if (cut > 0) {
      message = message.substring(0, cut).trim();
    }
    return WeirException.sql(message, pos == null ? 1 : pos.getLineNum(), pos == null ? 1 : pos.getColumnNum());
  }

  /** A user error about the SQL text at {@code pos}. */
  public static WeirException at(SqlParserPos pos, String message) {
    return WeirException.sql(message, pos.getLineNum(), pos.getColumnNum());
  }
}
