package io.weir.engine.runtime;

/** Where a query is in its life. */
public enum QueryState {
  /** Opening its sources, sinks and state (restoring state from changelogs included). */
  STARTING,
  RUNNING,
  /**
   * A transient failure (an unreachable broker, a commit that timed out) stopped it; it starts
   * again after a backoff, restoring its state and resuming from its last commit. The error says
   * why.
   */
  RESTARTING,
  /** A bounded query read all its input and flushed its sinks. */
  FINISHED,
  /** Stopped on request; its position was committed. */
  STOPPED,
  /** Failed for a reason a restart would not cure; the error and the failure say why and where. */
  FAILED;

  public boolean isTerminal() {
    return this == FINISHED || this == STOPPED || this == FAILED;
  }
}
