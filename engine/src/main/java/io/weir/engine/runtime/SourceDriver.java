package io.weir.engine.runtime;

import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.operators.calc.RowFunction;
import io.weir.engine.operators.calc.RowFunctionCompiler;
import io.weir.engine.udf.FunctionRef;
import io.weir.engine.udf.ScalarInvoker;
import io.weir.engine.operators.window.SliceAssigner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Receives a source's records and prepares them for the chain: computes computed columns,
 * tracks the watermark of every split, takes the minimum over the splits that are not idle, and
 * routes rows that are late for the query's window to the late-data destination.
 *
 * <p>Lateness is decided per row against the watermark as it stands after the previous row (as
 * if a watermark were emitted after every row, Flink's behaviour with a zero watermark
 * interval), so a replayed input gives the same result whatever the batch sizes.
 */
final class SourceDriver implements SourceRecords {
  /** The operator id failures at the source carry (the source is step 0 of the chain). */
  static final String SOURCE_OPERATOR_ID = "0-Source";

  private final SourceSpec spec;
  private final QueryMetrics metrics;
  private final RowFunction computed;
  private final int rowtimeIndex;
  private final long delay;
  private final SliceAssigner lateWindow;
  /** Keeps the rows the query's condition keeps (non-null), or null: see {@link SourceSpec}. */
  private final RowFunction lateFilter;
  private final SideOutput lateOutput;
  private final SideOutput deadLetters;
  private final boolean ignoreParseErrors;
  private final RowEncoder physicalEncoder;
  private final long idleTimeoutMillis;

  private final SliceAssigner firing;
  private final Downstream downstream;
  private final RowBatch batch;
  private final int batchSize;
  private long nextFire = Long.MIN_VALUE;
  private long[] splitWatermark = new long[0];
  private long[] lastActive = new long[0];
  private boolean[] activeThisPoll = new boolean[0];
  private boolean[] idle = new boolean[0];
  private long combined = Long.MIN_VALUE;

  /** Where prepared rows and watermarks go: the task's chain. */
  interface Downstream {
    /** Processes the rows of {@code batch} (the caller clears it), then advances to {@code watermark}. */
    void accept(RowBatch batch, long watermark);
  }

  /**
   * @param firingWindow the window of the query's window aggregation, or null: a batch is cut
   *     and the watermark passed on as soon as a window of it becomes complete, so that the rows
   *     that follow never reach a window that, row by row, had already fired
   * @param scalarFunctions the invokers of the scalar user functions that computed columns and
   *     the late check's condition call, or null when they call none
   */
  SourceDriver(SourceSpec spec, QueryMetrics metrics, SideOutput lateOutput,
      SideOutput deadLetters, boolean ignoreParseErrors, RowEncoder physicalEncoder,
      long idleTimeoutMillis, WindowSpec firingWindow, int batchSize,
      Function<FunctionRef, ScalarInvoker> scalarFunctions, Downstream downstream) {
    this.spec = spec;
    this.metrics = metrics;
    this.computed = spec.computedColumns() == null
        ? null : RowFunctionCompiler.instantiate(spec.computedColumns(), scalarFunctions);
    this.rowtimeIndex = spec.watermark() == null ? -1 : spec.watermark().rowtimeIndex();
    this.delay = spec.watermark() == null ? 0 : spec.watermark().delayMillis();
    this.lateWindow = spec.lateWindow() == null || spec.watermark() == null
        ? null : SliceAssigner.of(spec.lateWindow());
    this.lateFilter = lateWindow == null || spec.lateFilter() == null
        ? null : RowFunctionCompiler.instantiate(spec.lateFilter(), scalarFunctions);
    this.lateOutput = lateOutput;
    this.deadLetters = deadLetters;
    this.ignoreParseErrors = ignoreParseErrors;
    this.physicalEncoder = physicalEncoder;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.firing = firingWindow == null ? null : SliceAssigner.of(firingWindow);
    this.batchSize = batchSize;
    this.batch = new RowBatch(batchSize);
    this.downstream = downstream;
  }

  /** Hands the rows read so far, and the watermark, downstream. */
  void flush() {
    downstream.accept(batch, combined);
    batch.clear();
    if (firing != null) {
      nextFire = firing.firstOpenWindowEnd(combined) - 1;
    }
  }

  /** The watermark over every split that is not idle. */
  long watermark() {
    return combined;
  }

  /** The watermark of every split seen so far, by split (a copy). */
  long[] splitWatermarks() {
    return splitWatermark.clone();
  }

  /**
   * Continues from the split watermarks an earlier run committed (restored after a restart), so
   * that lateness is decided as it was before the crash. Call before the first record.
   */
  void restoreSplitWatermarks(long[] watermarks) {
    ensureSplits(watermarks.length);
    for (int s = 0; s < watermarks.length; s++) {
      splitWatermark[s] = Math.max(splitWatermark[s], watermarks[s]);
    }
    recompute();
    if (firing != null) {
      nextFire = firing.firstOpenWindowEnd(combined) - 1;
    }
  }

  @Override
  public void row(int split, Object[] row, byte[] original) {
    row(split, row, original, 0, original == null ? 0 : original.length);
  }

  @Override
  public void row(int split, Object[] row, byte[] buffer, int offset, int length) {
    metrics.rowsIn.increment();
    Object[] full = computed == null ? row : computed.apply(row);
    if (rowtimeIndex >= 0) {
      Object ts = full[rowtimeIndex];
      if (ts != null) {
        long t = (Long) ts;
        if (lateWindow != null && SliceAssigner.isWindowComplete(lateWindow.lastWindowEnd(t), combined)) {
          if (lateFilter == null || lateFilter.apply(full) != null) {
            late(split, row, buffer == null ? null
                : Arrays.copyOfRange(buffer, offset, offset + length), t);
          }
          // Else the query's condition drops it before any window: not late, just filtered.
          return;
        }
        ensureSplits(split + 1);
        activeThisPoll[split] = true;
        long wm = t - delay;
        if (wm > splitWatermark[split]) {
          long before = splitWatermark[split];
          splitWatermark[split] = wm;
          if (before <= combined || idle[split]) {
            idle[split] = false;
            recompute();
          }
        }
      }
    }
    batch.add(full);
    if (batch.size() >= batchSize || (firing != null && combined >= nextFire)) {
      flush();
    }
  }

  @Override
  public void malformed(int split, byte[] original, String reason, String position,
      Map<String, String> metadata) {
    metrics.malformedRows.increment();
    if (deadLetters != null) {
      Map<String, String> meta = new HashMap<>(metadata);
      meta.put("reason", reason);
      meta.put("table", spec.table());
      meta.put("position", position);
      deadLetters.write(original, meta);
    } else if (!ignoreParseErrors) {
      throw new SourceRecordException("malformed record in table '" + spec.table() + "' at "
          + position + ": " + reason + ". Set 'json.ignore-parse-errors' = 'true' to skip such "
          + "records, or 'dead-letter.path' / 'dead-letter.topic' to keep them aside.", position,
          metadata, SOURCE_OPERATOR_ID);
    }
  }

  /**
   * Tells how many splits the source has before it hands over records, so that a split that
   * has not delivered yet holds back the watermark instead of being overtaken.
   */
  void beforePoll(int splitCount) {
    ensureSplits(splitCount);
  }

  /** Marks splits without records for the idle timeout as idle, so they do not hold back time. */
  void afterPoll(int splitCount, long now) {
    ensureSplits(splitCount);
    boolean changed = false;
    for (int s = 0; s < splitCount; s++) {
      if (activeThisPoll[s]) {
        lastActive[s] = now;
        activeThisPoll[s] = false;
      } else if (lastActive[s] == 0) {
        lastActive[s] = now;
      } else if (idleTimeoutMillis > 0 && !idle[s] && now - lastActive[s] >= idleTimeoutMillis) {
        idle[s] = true;
        changed = true;
      }
    }
    if (changed) {
      recompute();
    }
  }

  private void late(int split, Object[] physical, byte[] original, long rowtime) {
    metrics.lateRows.increment();
    if (lateOutput != null) {
      Map<String, String> meta = new HashMap<>();
      meta.put("reason", "late: every window of rowtime " + rowtime + " had closed at watermark "
          + combined);
      meta.put("table", spec.table());
      meta.put("split", Integer.toString(split));
      meta.put("rowtime", Long.toString(rowtime));
      meta.put("watermark", Long.toString(combined));
      lateOutput.write(original != null ? original : physicalEncoder.encode(physical), meta);
    }
  }

  private void recompute() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int s = 0; s < splitWatermark.length; s++) {
      if (!idle[s]) {
        min = Math.min(min, splitWatermark[s]);
        any = true;
      }
    }
    if (any && min > combined) {
      combined = min;
    }
  }

  private void ensureSplits(int n) {
    if (splitWatermark.length >= n) {
      return;
    }
    int old = splitWatermark.length;
    splitWatermark = Arrays.copyOf(splitWatermark, n);
    Arrays.fill(splitWatermark, old, n, Long.MIN_VALUE);
    lastActive = Arrays.copyOf(lastActive, n);
    activeThisPoll = Arrays.copyOf(activeThisPoll, n);
    idle = Arrays.copyOf(idle, n);
    if (old > 0 || n > 0) {
      recompute();
    }
  }
}
