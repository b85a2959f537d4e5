package io.weir.engine.udf;

import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's bounded pool of threads for model and window function calls, shared by every
 * query (the server's {@code --udf-threads}). Each query's scoring step limits its own
 * concurrent calls ({@code udf.workers}) and rows in flight, so one query cannot queue unbounded
 * work here. Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {
  private final ThreadPoolExecutor executor;

  public WorkerPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "weir-udf-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  public int threads() {
    return executor.getMaximumPoolSize();
  }

  /** Runs a call; cancelling the future interrupts it. */
  public Future<?> submit(Runnable call) {
    return executor.submit(call);
  }

  /** Calls waiting for a thread. */
  public int queued() {
    return executor.getQueue().size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
