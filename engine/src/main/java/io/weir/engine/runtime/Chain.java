package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import io.weir.engine.operators.AsyncOperator;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import java.util.List;

/**
 * Operators run one after another in one thread: each stage's output is buffered in a batch and
 * handed to the next stage when the stage returns. Watermarks go through the stages in order, a
 * stage seeing a watermark only after every row emitted before it upstream.
 *
 * <p>An {@link AsyncOperator} stage emits later: {@link #pump} moves its ready results on and
 * forwards the watermarks it releases; a watermark stops at it until then. A {@link
 * WeirException} thrown by a stage leaves tagged with that stage's operator id.
 */
final class Chain {
  private final Operator[] stages;
  private final String[] ids;
  private final RowBatch[] buffers; // buffers[i] collects the output of stage i
  private final Output[] outputs;
  private int current = -1; // the stage running now, for tagging its errors

  Chain(List<Operator> operators, List<String> operatorIds, int batchCapacity) {
    this.stages = operators.toArray(new Operator[0]);
    this.ids = operatorIds.toArray(new String[0]);
    this.buffers = new RowBatch[stages.length];
    this.outputs = new Output[stages.length];
    for (int i = 0; i < stages.length; i++) {
      RowBatch b = new RowBatch(batchCapacity);
      buffers[i] = b;
      outputs[i] = b::add;
    }
  }

  /** Runs a batch through every stage. */
  void push(RowBatch batch) {
    try {
      push(0, batch);
    } catch (WeirException e) {
      throw tagged(e);
    }
  }

  private void push(int from, RowBatch batch) {
    RowBatch in = batch;
    for (int i = from; i < stages.length; i++) {
      if (in.isEmpty()) {
        return;
      }
      current = i;
      stages[i].processBatch(in, outputs[i]);
      if (in != batch) {
        in.clear();
      }
      in = buffers[i];
    }
    in.clear(); // the last stage's output has nowhere to go: sinks emit nothing
  }

  /** Advances event time through every stage (up to the first asynchronous one). */
  void watermark(long watermark) {
    try {
      watermark(0, watermark);
    } catch (WeirException e) {
      throw tagged(e);
    }
  }

  private void watermark(int from, long watermark) {
    for (int i = from; i < stages.length; i++) {
      current = i;
      stages[i].onWatermark(watermark, outputs[i]);
      RowBatch out = buffers[i];
      if (!out.isEmpty()) {
        if (i + 1 < stages.length) {
          push(i + 1, out);
        }
        out.clear();
      }
      if (stages[i] instanceof AsyncOperator) {
        return; // it releases the watermark from pump() once the rows before it are out
      }
    }
  }

  /** Whether a stage is asynchronous. */
  boolean hasAsync() {
    for (Operator op : stages) {
      if (op instanceof AsyncOperator) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves the ready results of asynchronous stages downstream, in stage order, and forwards the
   * watermarks they release.
   */
  void pump() {
    try {
      pumpStages();
    } catch (WeirException e) {
      throw tagged(e);
    }
  }

  private void pumpStages() {
    for (int i = 0; i < stages.length; i++) {
      if (stages[i] instanceof AsyncOperator a) {
        current = i;
        long wm = a.drain(outputs[i]);
        RowBatch out = buffers[i];
        if (!out.isEmpty()) {
          if (i + 1 < stages.length) {
            push(i + 1, out);
          }
          out.clear();
        }
        if (wm != Long.MIN_VALUE && i + 1 < stages.length) {
          watermark(i + 1, wm);
        }
      }
    }
  }

  /** Rows held by asynchronous stages. */
  long inFlight() {
    long n = 0;
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a) {
        n += a.inFlight();
      }
    }
    return n;
  }

  /** Whether every asynchronous stage holds nothing (no rows, no watermark). */
  boolean idle() {
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a && !a.idle()) {
        return false;
      }
    }
    return true;
  }

  /** How many rows the fullest asynchronous stage may still take. */
  long room() {
    long room = Long.MAX_VALUE;
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a) {
        room = Math.min(room, a.room());
      }
    }
    return room;
  }

  /** Whether some asynchronous stage holds as much as it may. */
  boolean saturated() {
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a && a.saturated()) {
        return true;
      }
    }
    return false;
  }

  /** Whether every asynchronous stage has room again. */
  boolean relieved() {
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a && !a.relieved()) {
        return false;
      }
    }
    return true;
  }

  /** The earliest timed action of an asynchronous stage ({@link System#nanoTime()} terms). */
  long nextDeadlineNanos() {
    long next = Long.MAX_VALUE;
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a) {
        next = Math.min(next, a.nextDeadlineNanos());
      }
    }
    return next;
  }

  /** Waits up to {@code millis} for the first busy asynchronous stage to make progress. */
  void awaitProgress(long millis) throws InterruptedException {
    for (Operator op : stages) {
      if (op instanceof AsyncOperator a && !a.idle()) {
        a.awaitProgress(millis);
        return;
      }
    }
  }

  void flush() {
    try {
      for (int i = 0; i < stages.length; i++) {
        current = i;
        stages[i].flush();
      }
    } catch (WeirException e) {
      throw tagged(e);
    }
  }

  private WeirException tagged(WeirException e) {
    if (e.operatorId() != null || current < 0 || current >= ids.length) {
      return e;
    }
    return e.in(e.queryId(), ids[current]);
  }

  void close(List<Throwable> errors) {
    for (Operator op : stages) {
      try {
        op.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
  }
}
