package io.weir.server;

import io.weir.engine.errors.WeirException;
import io.weir.server.api.StatementOutcome;
import java.util.List;

/**
 * A statement of a request failed ({@link #getCause()}) while others took effect: their outcomes
 * go back with the error, so the client knows what changed.
 */
public final class StatementFailedException extends RuntimeException {
  private final List<StatementOutcome> completed;

  public StatementFailedException(WeirException cause, List<StatementOutcome> completed) {
    super(cause.getMessage(), cause);
    this.completed = List.copyOf(completed);
  }

  @Override
  public synchronized WeirException getCause() {
    return (WeirException) super.getCause();
  }

  /** The outcomes of the request's other statements that took effect, in order. */
  public List<StatementOutcome> completed() {
    return completed;
  }
}
