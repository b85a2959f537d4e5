package io.weir.udf;

import java.util.ArrayList;
import java.util.List;

/**
 * A function of every row of one window, in event-time order, to one value — a time-series
 * model over a HOP window, for instance: {@code SELECT sensor, window_end,
 * predict_next(ts, temperature) FROM TABLE(HOP(...)) GROUP BY sensor, window_start, window_end}.
 * It is used like an aggregate call, but it sees the rows themselves and runs on the engine's
 * worker pool, off the query's thread.
 *
 * <p><b>Types.</b> {@code I} is one SQL-mappable value for a one-argument call, or a {@code
 * record} whose components are the arguments in order (see {@link SqlType}); {@code O} is the
 * result's type.
 *
 * <p><b>Call order.</b> {@link #open} once, then {@link #applyAll} (whose default calls {@link
 * #apply} per window) any number of times, then {@link #close}. All windows that close at one
 * watermark — across keys — arrive together, split into batches of at most the configured batch
 * size: override {@code applyAll} to score them in one model call. Rows of a window are sorted by
 * event time (ties keep their arrival order); a window is never empty.
 *
 * <p><b>Threading.</b> The engine creates one instance per worker; an instance is called by one
 * thread at a time (a pool thread, with the context class loader set to the function's jar).
 *
 * <p><b>Failures.</b> An exception, or a call that outlasts the timeout, is handled by the
 * query's error policy: {@code fail} (the query fails, naming the function, the error and the
 * input), {@code dead-letter} (the windows and the reason go to the dead-letter destination) or
 * {@code null} (the result is NULL). When a whole batch fails, the engine retries its windows one
 * by one to find which ones fail.
 *
 * @param <I> one row's arguments
 * @param <O> the result per window
 */
public interface WindowFunction<I, O> extends Lifecycle {

  /** The result for one window's rows, in event-time order. */
  O apply(List<I> rows) throws Exception;

  /**
   * One result per window, in the order given. The default calls {@link #apply} for each; a model
   * that scores many inputs at once should override this. Must return exactly {@code
   * windows.size()} results.
   */
  default List<O> applyAll(List<List<I>> windows) throws Exception {
    List<O> out = new ArrayList<>(windows.size());
    for (List<I> w : windows) {
      out.add(apply(w));
    }
    return out;
  }
}
