package io.weir.udf;

import java.util.List;

/**
 * A model that scores a batch of rows at once — one result per row. It is called in SQL like a
 * scalar function ({@code SELECT anomaly_score(latency_ms, status, bytes) FROM requests}), but
 * the engine collects rows into batches, calls the model on its bounded worker pool, and keeps
 * results in input order and watermarks behind them; when the pool is full, the query's Kafka
 * partitions are paused until it drains.
 *
 * <p><b>Types.</b> {@code I} is one SQL-mappable value for a one-argument call, or a {@code
 * record} whose components are the arguments in order (see {@link SqlType}); {@code O} is the
 * result's type.
 *
 * <p><b>Call order.</b> {@link #open} once — load the model from {@link
 * FunctionContext#openResource}, read {@link FunctionContext#config()} — then {@link #predict}
 * any number of times, then {@link #close}. Batches hold 1 to the configured batch size rows.
 *
 * <p><b>Threading.</b> The engine creates one instance per worker; an instance is called by one
 * thread at a time (a pool thread, with the context class loader set to the function's jar).
 * Keep a native library single-threaded per call (XGBoost: {@code nthread=1}); the engine gets
 * parallelism from its workers.
 *
 * <p><b>Failures.</b> An exception, or a call that outlasts the timeout (the thread is
 * interrupted), is handled by the query's error policy: {@code fail} (the query fails, naming the
 * function, the error and the input position), {@code dead-letter} (the rows and the reason go
 * to the dead-letter destination) or {@code null} (the result is NULL). When a batch throws, the
 * engine retries its rows one by one so that only the rows that fail are affected.
 *
 * @param <I> one row's arguments
 * @param <O> the result per row
 */
public interface ModelFunction<I, O> extends Lifecycle {

  /** One result per row, in the order given; exactly {@code batch.size()} of them. */
  List<O> predict(List<I> batch) throws Exception;
}
