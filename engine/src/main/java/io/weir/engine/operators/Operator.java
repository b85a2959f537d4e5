package io.weir.engine.operators;

/**
 * One step of a query: takes batches of rows and watermarks, emits rows.
 *
 * <p><b>Call order.</b> {@link #open} once; then any interleaving of {@link #processBatch} and
 * {@link #onWatermark}; {@link #flush} before every commit of the query's progress; {@link
 * #close} once, also after a failure. Watermarks arrive in increasing order and are already the
 * minimum over every input (the runtime coalesces them and forwards each one downstream after
 * {@code onWatermark} returns, so an operator never forwards watermarks itself).
 *
 * <p><b>Threading.</b> All calls come from the one task thread that owns the operator; an
 * operator needs no synchronization.
 *
 * <p><b>Failures.</b> An exception thrown from any method fails the query; a row that cannot
 * be processed for a reason the user can fix should be reported through {@link
 * OperatorContext}, not thrown. Late rows are never dropped silently: they go to {@link
 * OperatorContext#lateRow}.
 */
public interface Operator {

  /** Prepares state; called once before any row. */
  default void open(OperatorContext context) {}

  /** Processes every row of the batch, emitting results to {@code out}. */
  void processBatch(RowBatch batch, Output out);

  /**
   * Event time has reached {@code watermark}: no row with an earlier timestamp is expected any
   * more. Window operators fire here.
   */
  default void onWatermark(long watermark, Output out) {}

  /** Writes buffered state through to the state store; the query is about to commit. */
  default void flush() {}

  /** Releases resources. Must be safe to call after a failed {@code open}. */
  default void close() {}
}
