package io.weir.server;

import io.weir.engine.errors.WeirException;
import io.weir.server.api.StatementOutcome;
import java.util.List;

/**
 * A statement of a request failed ({@link #getCause()}) after the ones before it took effect:
 * their outcomes go back with the error, so the client knows what changed.
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

  /** The outcomes of the statements that ran before the failing one, in order. */
  public List<StatementOutcome> completed() {
    return completed;
  }
}
