package io.weir.engine.operators.score;

import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.ScoreSpec;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.operators.AsyncOperator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.udf.BatchFunction;
import io.weir.engine.udf.PoolOptions;
import io.weir.engine.udf.WorkerPool;
import io.weir.udf.UdfException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls a model or window function ({@link ScoreSpec}) on the worker pool.
 *
 * <p><b>Batches.</b> Rows (model) or windows (window function) collect into a batch until it
 * holds {@code batch-size} of them, until its first row has waited {@code batch-max-delay}, or
 * until a watermark arrives — so all windows closing at one watermark, across keys, are scored
 * together, and no row ever passes a watermark. Up to {@code workers} batches run at once, each
 * on its own function instance; one call per batch.
 *
 * <p><b>Order.</b> Results are emitted in input order from {@link #drain}; a watermark is
 * released only when every row before it has been emitted.
 *
 * <p><b>Backpressure.</b> {@link #saturated} when {@link PoolOptions#inFlightLimit} rows are
 * accepted and not emitted; {@link #relieved} at half of that.
 *
 * <p><b>Failures.</b> A batch whose call throws is retried one input at a time, so only the
 * inputs that fail are affected; a call running past {@code timeout} is abandoned (its thread
 * interrupted) with all its inputs. Failed inputs follow {@code on-error}: {@code fail} throws a
 * user {@link WeirException} from {@link #drain} naming the function, the error and the input
 * position and values; {@code dead-letter} writes each row and the reason to the dead-letter
 * destination and drops it; {@code null} emits it with a NULL result. All are counted in the
 * function's metrics.
 *
 * <p><b>Threading.</b> Every method runs on the task thread; calls run on pool threads and
 * hand back their results through volatile fields.
 */
public final class ScoreOperator implements AsyncOperator {
  private final ScoreSpec spec;
  private final String function;
  private final boolean model;
  private final int[] args;
  private final int column;
  private final WorkerPool pool;
  private final PoolOptions options;
  private final FunctionMetrics metrics;
  private final SideOutput deadLetters;
  private final int workers;
  private final long maxDelayNanos;
  private final long timeoutNanos;

  private final ArrayDeque<Object> order = new ArrayDeque<>();
  private Batch open;
  private long openSinceNanos;
  private long inFlight;
  private long accepted;
  private String operatorId = "score";
  private RowEncoder encoder;

  private final ConcurrentLinkedDeque<Batch> ready = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedQueue<BatchFunction> idleInstances;
  /** Builds inputs on the task thread (any instance would do: building is stateless). */
  private final BatchFunction inputs;
  private final AtomicInteger running = new AtomicInteger();
  private final Object signal = new Object();
  private boolean signalled;
  /** The task thread waits in {@link #awaitProgress}: only then is a completion worth a wake-up. */
  private volatile boolean waiting;
  private volatile boolean closed;

  /**
   * A batch of rows (for a model, the output rows: the input row and an empty result slot), the
   * function's inputs built from them ({@link BatchFunction#input}) and, once its call returned,
   * their results.
   */
  private static final class Batch {
    final List<Object[]> rows = new ArrayList<>();
    final List<Object> inputs = new ArrayList<>();
    final long firstSeq;
    final boolean retry;
    volatile boolean done;
    volatile long startNanos;
    volatile List<Object> results;
    volatile Throwable error;
    volatile Future<?> future;
    boolean timedOut;

    Batch(long firstSeq, boolean retry) {
      this.firstSeq = firstSeq;
      this.retry = retry;
    }
  }

  /**
   * @param instances opened function instances, one per worker
   * @param deadLetters the query's dead-letter destination, or null when it has none (then the
   *     {@code dead-letter} policy is refused at {@link #open})
   */
  public ScoreOperator(ScoreSpec spec, List<BatchFunction> instances, WorkerPool pool,
      PoolOptions options, FunctionMetrics metrics, SideOutput deadLetters) {
    this.spec = spec;
    this.function = spec.function().function().name();
    this.model = spec.mode() == ScoreSpec.Mode.MODEL;
    this.args = spec.argIndexes().stream().mapToInt(Integer::intValue).toArray();
    this.column = spec.column();
    this.pool = pool;
    this.options = options;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.workers = instances.size();
    this.idleInstances = new ConcurrentLinkedQueue<>(instances);
    this.inputs = instances.isEmpty() ? null : instances.get(0);
    this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(options.batchMaxDelayMillis());
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
    if (workers < 1) {
      throw WeirException.internal("scoring '" + function + "' needs at least one instance", null);
    }
  }

  @Override
  public void open(OperatorContext context) {
    this.operatorId = context.operatorId();
    if (options.onError() == PoolOptions.OnError.DEAD_LETTER && deadLetters == null) {
      throw WeirException.user("function '" + function + "' has 'udf.on-error' = 'dead-letter', "
          + "but the query has no dead-letter destination: set 'dead-letter.path' or "
          + "'dead-letter.topic' on the source table or as a query property");
    }
  }

  /**
   * Adds rows to the open batch, building each row's input here: the row's values were just made
   * on this thread, so building reads them from this core's cache, and the worker gets inputs
   * ready to pass (reading the row's values first on the worker's core cost more than the model
   * itself for a cheap model).
   */
  @Override
  public void processBatch(RowBatch batch, Output out) {
    long now = 0;
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object[] row = batch.get(i);
      Object input;
      try {
        input = model ? inputs.input(row, args) : inputs.input(row[column]);
      } catch (Throwable t) {
        rethrowFatal(t);
        failedInput(row, t);
        continue;
      }
      if (open == null) {
        open = new Batch(accepted, false);
        if (now == 0) {
          now = System.nanoTime();
        }
        openSinceNanos = now;
      }
      // A model's output row (the input and a slot for the result) is made now, while the row
      // is in this core's cache, not when the result comes back.
      open.rows.add(model ? Arrays.copyOf(row, row.length + 1) : row);
      open.inputs.add(input);
      accepted++;
      inFlight++;
      if (open.rows.size() >= options.batchSize()) {
        seal();
      }
    }
    metrics.inFlight.set(inFlight);
    dispatch();
  }

  /**
   * A row whose input cannot be built (a conversion or the input record's constructor threw):
   * a batch of its own, in order, failed without a call, so the error policy applies to it.
   */
  private void failedInput(Object[] row, Throwable t) {
    if (open != null) {
      seal();
    }
    Batch b = new Batch(accepted, true);
    b.rows.add(model ? Arrays.copyOf(row, row.length + 1) : row);
    b.inputs.add(null);
    b.error = t;
    b.done = true;
    order.addLast(b);
    accepted++;
    inFlight++;
    metrics.errors.increment();
  }

  private static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) {
      throw v;
    }
  }

  private Object[] tuple(Object[] row) {
    Object[] t = new Object[args.length];
    for (int j = 0; j < args.length; j++) {
      t[j] = row[args[j]];
    }
    return t;
  }

  private void seal() {
    order.addLast(open);
    ready.addLast(open);
    metrics.queued.addAndGet(open.rows.size());
    open = null;
  }

  @Override
  public void onWatermark(long watermark, Output out) {
    if (open != null) {
      seal();
    }
    order.addLast(watermark);
    dispatch();
  }

  /** Starts ready batches while fewer than {@code workers} calls run (task or pool thread). */
  private void dispatch() {
    while (!closed) {
      int r = running.get();
      if (r >= workers || ready.isEmpty()) {
        return;
      }
      if (!running.compareAndSet(r, r + 1)) {
        continue;
      }
      Batch b = ready.pollFirst();
      if (b == null) {
        running.decrementAndGet();
        continue;
      }
      BatchFunction f = idleInstances.poll();
      if (f == null) {
        ready.addFirst(b);
        running.decrementAndGet();
        return;
      }
      metrics.queued.addAndGet(-b.rows.size());
      b.startNanos = System.nanoTime();
      try {
        b.future = pool.submit(() -> run(b, f));
      } catch (RejectedExecutionException e) {
        b.error = e;
        b.done = true;
        idleInstances.add(f);
        running.decrementAndGet();
        wake();
        return;
      }
    }
  }

  /** One call (pool thread). */
  private void run(Batch b, BatchFunction f) {
    long t0 = System.nanoTime();
    try {
      b.results = f.call(b.inputs);
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError)) {
        b.error = t;
        throw v;
      }
      b.error = t;
    } finally {
      metrics.calls.increment();
      metrics.rows.add(b.rows.size());
      metrics.batchSizes.record(b.rows.size());
      metrics.latencyMicros.record((System.nanoTime() - t0) / 1000);
      if (b.error != null) {
        metrics.errors.increment();
      }
      b.done = true;
      idleInstances.add(f);
      running.decrementAndGet();
      wake();
      dispatch();
    }
  }

  private void wake() {
    synchronized (signal) {
      signalled = true;
      if (waiting) {
        signal.notifyAll();
      }
    }
  }

  @Override
  public long drain(Output out) {
    long now = System.nanoTime();
    if (open != null && now - openSinceNanos >= maxDelayNanos) {
      seal();
      dispatch();
    }
    checkTimeouts(now);
    long released = Long.MIN_VALUE;
    while (!order.isEmpty()) {
      Object head = order.peekFirst();
      if (head instanceof Long wm) {
        order.pollFirst();
        released = wm;
        continue;
      }
      Batch b = (Batch) head;
      if (b.timedOut) {
        order.pollFirst();
        failed(b, out, "the call did not return within the timeout of " + options.timeoutMillis()
            + " ms ('udf.timeout')");
        continue;
      }
      if (!b.done) {
        break;
      }
      order.pollFirst();
      if (b.error != null) {
        if (!b.retry && b.rows.size() > 1) {
          retrySingly(b);
          continue;
        }
        failed(b, out, describe(b.error));
        continue;
      }
      for (int i = 0; i < b.rows.size(); i++) {
        out.collect(withResult(b.rows.get(i), b.results.get(i)));
      }
      inFlight -= b.rows.size();
    }
    metrics.inFlight.set(inFlight);
    return released;
  }

  private void checkTimeouts(long now) {
    for (Object o : order) {
      if (o instanceof Batch b && !b.done && !b.timedOut && b.startNanos != 0
          && now - b.startNanos > timeoutNanos) {
        b.timedOut = true;
        metrics.timeouts.increment();
        Future<?> f = b.future;
        if (f != null) {
          f.cancel(true);
        }
      }
    }
  }

  /** Puts the inputs of a failed batch back, one per batch, where the batch was. */
  private void retrySingly(Batch b) {
    List<Batch> singles = new ArrayList<>();
    for (int i = 0; i < b.rows.size(); i++) {
      Batch s = new Batch(b.firstSeq + i, true);
      s.rows.add(b.rows.get(i));
      s.inputs.add(b.inputs.get(i));
      singles.add(s);
    }
    for (int i = singles.size() - 1; i >= 0; i--) {
      order.addFirst(singles.get(i));
      ready.addFirst(singles.get(i));
    }
    metrics.queued.addAndGet(b.rows.size());
    dispatch();
  }

  /** The output row: a model's result goes into the last slot, a window function's in place. */
  private Object[] withResult(Object[] row, Object result) {
    row[model ? row.length - 1 : column] = result;
    return row;
  }

  /** Applies the error policy to a batch whose call failed or timed out. */
  private void failed(Batch b, Output out, String reason) {
    int n = b.rows.size();
    inFlight -= n;
    String position = n == 1 ? (model ? "row " : "window ") + (b.firstSeq + 1)
        : (model ? "rows " : "windows ") + (b.firstSeq + 1) + " to " + (b.firstSeq + n);
    switch (options.onError()) {
      case FAIL -> throw WeirException.user("function '" + function + "' failed on " + position
          + " of its input " + shown(b) + ": " + reason + ". ('udf.on-error' = 'fail'; "
          + "'null' or 'dead-letter' keep the query running)");
      case NULL -> {
        for (Object[] row : b.rows) {
          out.collect(withResult(row, null));
        }
        metrics.nulled.add(n);
      }
      case DEAD_LETTER -> {
        for (int i = 0; i < n; i++) {
          Map<String, String> meta = new HashMap<>();
          meta.put("reason", "function '" + function + "' failed: " + reason);
          meta.put("function", function);
          meta.put("operator", operatorId);
          meta.put("position", (model ? "row " : "window ") + (b.firstSeq + i + 1));
          if (!model) {
            meta.put("rows", Arrays.deepToString(((List<?>) b.rows.get(i)[column]).toArray()));
          }
          deadLetters.write(encode(b.rows.get(i)), meta);
        }
        metrics.deadLettered.add(n);
      }
    }
  }

  private String shown(Batch b) {
    Object[] first = b.rows.get(0);
    String values;
    if (model) {
      Object[] t = tuple(first);
      List<Field> params = spec.function().signatureDef().parameters();
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < t.length; i++) {
        parts.add((i < params.size() ? params.get(i).name() + "=" : "") + show(t[i]));
      }
      values = "(" + String.join(", ", parts) + ")";
    } else {
      Object[] row = first.clone();
      row[column] = ((List<?>) first[column]).size() + " rows";
      values = Arrays.toString(row);
    }
    return b.rows.size() == 1 ? values : "(the first: " + values + ")";
  }

  private static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static String describe(Throwable t) {
    if (t instanceof UdfException) {
      return t.getMessage();
    }
    if (t instanceof IllegalStateException && t.getMessage() != null
        && t.getMessage().startsWith("function '")) {
      return t.getMessage();
    }
    StackTraceElement[] trace = t.getStackTrace();
    return t + (trace.length > 0 ? " at " + trace[0] : "");
  }

  private byte[] encode(Object[] row) {
    if (encoder == null) {
      encoder = Formats.encoder(new TableDescriptor(operatorId, spec.inputSchema(),
          Map.of("format", "json")));
    }
    Object[] r = row;
    if (!model) {
      r = row.clone();
      r[column] = null;
    }
    return encoder.encode(r);
  }

  @Override
  public long inFlight() {
    return inFlight;
  }

  @Override
  public boolean idle() {
    return order.isEmpty() && open == null;
  }

  @Override
  public long room() {
    return Math.max(0, options.inFlightLimit() - inFlight);
  }

  @Override
  public boolean saturated() {
    return inFlight >= options.inFlightLimit();
  }

  @Override
  public boolean relieved() {
    return inFlight <= options.inFlightLimit() / 2;
  }

  @Override
  public long nextDeadlineNanos() {
    long next = open == null ? Long.MAX_VALUE : openSinceNanos + maxDelayNanos;
    for (Object o : order) {
      if (o instanceof Batch b && !b.done && !b.timedOut && b.startNanos != 0) {
        next = Math.min(next, b.startNanos + timeoutNanos);
      }
    }
    return next;
  }

  @Override
  public void awaitProgress(long millis) throws InterruptedException {
    synchronized (signal) {
      if (!signalled && millis > 0) {
        waiting = true;
        try {
          signal.wait(millis);
        } finally {
          waiting = false;
        }
      }
      signalled = false;
    }
  }

  /** The schema of what it emits. */
  public Schema outputSchema() {
    return spec.outputSchema();
  }

  /**
   * Cancels what has not run, interrupts what runs, and waits up to {@link #CLOSE_WAIT_MILLIS}
   * for running calls to return — so that the function's instances are not closed under a call
   * (a native model freed mid-call would crash the process). A call that ignores interrupts and
   * outlasts the wait is logged; its instance is then closed while it runs.
   */
  @Override
  public void close() {
    closed = true;
    ready.clear();
    for (Object o : order) {
      if (o instanceof Batch b && b.future != null) {
        b.future.cancel(true);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    try {
      while (running.get() > 0 && System.nanoTime() < deadline) {
        awaitProgress(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running.get() > 0) {
      org.slf4j.LoggerFactory.getLogger(ScoreOperator.class).warn("function '{}': {} call(s) "
          + "still running {} ms after the query ended; their instances are closed anyway",
          function, running.get(), CLOSE_WAIT_MILLIS);
    }
    order.clear();
    open = null;
    metrics.inFlight.set(0);
    metrics.queued.set(0);
  }

  /** How long {@link #close} waits for running calls. */
  static final long CLOSE_WAIT_MILLIS = 10_000;
}
