package io.weir.udf;

/**
 * Optional set-up and tear-down of a function instance (Flink's lifecycle): {@link #open} once
 * before the first call, {@link #close} once after the last. Scalar function classes may
 * implement it; window and model functions always have it.
 *
 * <p><b>Call order.</b> {@code open} → calls → {@code close}. {@code close} is also called when
 * {@code open} threw, so it must cope with a half-opened instance. An instance is never reopened.
 *
 * <p><b>Threading.</b> {@code open}, the calls and {@code close} of one instance never overlap;
 * they may run on different threads (the engine's worker pool), with the thread's context class
 * loader set to the function's jar.
 *
 * <p><b>Failures.</b> An exception from {@code open} fails the query at start, naming the
 * function; one from {@code close} is logged and ignored.
 */
public interface Lifecycle {

  /** Reads configuration and resources (a model file), registers metrics. */
  default void open(FunctionContext context) throws Exception {}

  /** Releases what {@code open} acquired (native memory of a model, files, threads). */
  default void close() throws Exception {}
}
