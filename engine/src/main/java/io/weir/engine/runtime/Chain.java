package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import java.util.List;

/**
 * Operators run one after another in one thread: each stage's output is buffered in a batch and
 * handed to the next stage when the stage returns. Watermarks go through the stages in order, a
 * stage seeing a watermark only after every row emitted before it upstream. A {@link
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

  /** Advances event time through every stage. */
  void watermark(long watermark) {
    try {
      for (int i = 0; i < stages.length; i++) {
        current = i;
        stages[i].onWatermark(watermark, outputs[i]);
        RowBatch out = buffers[i];
        if (!out.isEmpty()) {
          if (i + 1 < stages.length) {
            push(i + 1, out);
          }
          out.clear();
        }
      }
    } catch (WeirException e) {
      throw tagged(e);
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
