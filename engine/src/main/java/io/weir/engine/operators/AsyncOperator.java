package io.weir.engine.operators;

/**
 * An operator whose results come later than its input: it hands work to other threads and emits
 * results when they are ready — in input order — from {@link #drain}, which the runtime calls on
 * the task thread. It holds every watermark until the rows before it have been emitted, and it
 * tells the runtime when it holds too much ({@link #saturated}) so that the source is paused.
 *
 * <p><b>Call order.</b> As {@link Operator}, plus {@link #drain} at any time between the other
 * calls. {@link #onWatermark} only records the watermark: the runtime does not forward it; it
 * forwards what {@link #drain} returns. Before a commit the runtime drains until {@link
 * #inFlight()} is 0.
 *
 * <p><b>Threading.</b> Every method is called by the task thread; the operator synchronizes with
 * its own worker threads. {@link #awaitProgress} blocks the task thread.
 *
 * <p><b>Failures.</b> An exception from {@link #drain} (a result the query's policy says fails
 * the query) fails the query.
 */
public interface AsyncOperator extends Operator {

  /**
   * Emits, in input order, the rows whose results are ready, and returns the latest watermark
   * that may now pass downstream, or {@link Long#MIN_VALUE} when none.
   */
  long drain(Output out);

  /** Rows accepted and not yet emitted. */
  long inFlight();

  /** Whether nothing is held: no rows in flight and no watermark waiting to be released. */
  boolean idle();

  /** How many more rows it may accept before it is {@link #saturated} (0 when it is). */
  long room();

  /** In-flight work reached its bound: the runtime should stop reading the source. */
  boolean saturated();

  /** In-flight work fell far enough below its bound to read the source again. */
  boolean relieved();

  /**
   * When {@link #drain} next has timed work to do (a partial batch's delay ends, a call's timeout
   * passes), in {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} when nothing is timed.
   */
  long nextDeadlineNanos();

  /** Waits up to {@code millis} for a result to become ready (returns early when one does). */
  void awaitProgress(long millis) throws InterruptedException;
}
