package io.weir.cli.client;

import io.weir.server.api.StatementOutcome;
import java.util.List;

/**
 * An error answer of the server (status and the body's code, message, line, column), or a
 * server that cannot be reached (status 0, code {@code unreachable}).
 */
public final class WeirClientException extends RuntimeException {
  private final int status;
  private final String code;
  private final Integer line;
  private final Integer column;
  private final List<StatementOutcome> completed;

  public WeirClientException(int status, String code, String message, Integer line,
      Integer column, Throwable cause) {
    this(status, code, message, line, column, List.of(), cause);
  }

  public WeirClientException(int status, String code, String message, Integer line,
      Integer column, List<StatementOutcome> completed, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.line = line;
    this.column = column;
    this.completed = completed == null ? List.of() : List.copyOf(completed);
  }

  /** What the request's statements before the failing one did (they took effect). */
  public List<StatementOutcome> completed() {
    return completed;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** 1-based line in the submitted SQL, or null. */
  public Integer line() {
    return line;
  }

  /** 1-based column in the submitted SQL, or null. */
  public Integer column() {
    return column;
  }

  /** The message with its position, as a user should see it. */
  @Override
  public String toString() {
    return (line != null ? "line " + line + ", column " + column + ": " : "") + getMessage();
  }
}
