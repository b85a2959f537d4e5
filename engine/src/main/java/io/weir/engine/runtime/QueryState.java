package io.weir.engine.runtime;

/** Where a query is in its life. */
public enum QueryState {
  /** Opening its sources, sinks and state. */
  STARTING,
  RUNNING,
  /** A bounded query read all its input and flushed its sinks. */
  FINISHED,
  /** Stopped on request; its position was committed. */
  STOPPED,
  /** Failed; the error says why and where. */
  FAILED;

  public boolean isTerminal() {
    return this == FINISHED || this == STOPPED || this == FAILED;
  }
}
