package io.weir.engine.errors;

/**
 * The one exception type Weir throws across layers. Its {@link Kind} says whose fault it is,
 * which decides the HTTP status and whether a retry can help; SQL errors carry the line and
 * column (1-based) of the offending text; runtime errors carry the query and operator.
 */
public class WeirException extends RuntimeException {

  /** Whose fault an error is. */
  public enum Kind {
    /** Bad SQL, a bad option, a bad request: the user can fix it (HTTP 400). */
    USER,
    /** Something outside Weir failed, such as an unreachable broker; a retry may help (HTTP 503). */
    EXTERNAL,
    /** A bug in Weir (HTTP 500). */
    INTERNAL
  }

  private final Kind kind;
  private final int line;
  private final int column;
  private final String queryId;
  private final String operatorId;

  public WeirException(Kind kind, String message, int line, int column, String queryId,
      String operatorId, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.queryId = queryId;
    this.operatorId = operatorId;
  }

  /** A user error with no position in SQL text. */
  public static WeirException user(String message) {
    return new WeirException(Kind.USER, message, 0, 0, null, null, null);
  }

  /** A user error in SQL text at a 1-based line and column. */
  public static WeirException sql(String message, int line, int column) {
    return new WeirException(Kind.USER, message, line, column, null, null, null);
  }

  public static WeirException external(String message, Throwable cause) {
    return new WeirException(Kind.EXTERNAL, message, 0, 0, null, null, cause);
  }

  public static WeirException internal(String message, Throwable cause) {
    return new WeirException(Kind.INTERNAL, message, 0, 0, null, null, cause);
  }

  /** The same error, tagged with the query and operator it happened in. */
  public WeirException in(String queryId, String operatorId) {
    WeirException e = new WeirException(kind, getMessage(), line, column, queryId, operatorId, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The same error, moved to a position in SQL text (used when a statement is part of a script). */
  public WeirException at(int line, int column) {
    WeirException e = new WeirException(kind, getMessage(), line, column, queryId, operatorId, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  public Kind kind() {
    return kind;
  }

  /** 1-based line of the SQL text the error is about, or 0 when it is not about SQL text. */
  public int line() {
    return line;
  }

  /** 1-based column of the SQL text the error is about, or 0 when it is not about SQL text. */
  public int column() {
    return column;
  }

  public String queryId() {
    return queryId;
  }

  public String operatorId() {
    return operatorId;
  }

  /** The message with its position, as a user should see it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (line > 0) {
      sb.append("line ").append(line).append(", column ").append(column).append(": ");
    }
    sb.append(getMessage());
    if (queryId != null) {
      sb.append(" [query ").append(queryId);
      if (operatorId != null) {
        sb.append(", operator ").append(operatorId);
      }
      sb.append(']');
    }
    return sb.toString();
  }
}
