package io.weir.engine.connectors.gen;

import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.errors.WeirException;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates the rows of a {@code datagen} table as one split 0, at most {@code rows-per-second}
 * on average since {@link #open}. When it is ahead of that rate, {@link #poll} parks the thread
 * until the next row is due (never longer than its timeout) instead of spinning. The source ends
 * after {@code number-of-rows} rows or when a sequence column passes its end, whichever comes
 * first. Rows carry no original bytes.
 *
 * <p>Call order and threading as {@link SourceReader}. Every option was resolved by {@link
 * DataGenSpec}; the per-row loop only calls the column generators.
 */
final class DataGenReader implements SourceReader {
  private final DataGenSpec spec;
  private final double rowsPerNano;
  private FieldGenerator[] generators;
  private long startNanos;
  private long emitted;

  DataGenReader(DataGenSpec spec) {
    this.spec = spec;
    this.rowsPerNano = spec.rowsPerSecond / 1e9;
  }

  @Override
  public void open() {
    generators = spec.newGenerators();
    startNanos = System.nanoTime();
    emitted = 0;
  }

  @Override
  public int splitCount() {
    return 1;
  }

  @Override
  public boolean poll(SourceRecords out, int maxRecords, long timeoutMillis) {
    if (generators == null) {
      throw WeirException.internal("poll before open on the datagen source of table '"
          + spec.table + "'", null);
    }
    long remaining = spec.totalRows - emitted;
    if (remaining <= 0) {
      return false;
    }
    long due = due(System.nanoTime());
    if (due <= 0) {
      // Ahead of the rate: wait for the next row, at most the timeout.
      long wait = (long) Math.ceil(emitted / rowsPerNano) - (System.nanoTime() - startNanos);
      long cap = Math.max(0, timeoutMillis) * 1_000_000L;
      if (cap == 0) {
        return true;
      }
      LockSupport.parkNanos(Math.max(1, Math.min(wait, cap)));
      due = due(System.nanoTime());
      if (due <= 0) {
        return true;
      }
    }
    int n = (int) Math.min(Math.min(due, remaining), Math.max(1, maxRecords));
    FieldGenerator[] gens = generators;
    int width = gens.length;
    for (int k = 0; k < n; k++) {
      Object[] row = new Object[width];
      for (int i = 0; i < width; i++) {
        row[i] = gens[i].next();
      }
      out.row(0, row, null);
    }
    emitted += n;
    return emitted < spec.totalRows;
  }

  /** How many rows may be handed over now. */
  private long due(long now) {
    double allowed = (now - startNanos) * rowsPerNano + 1; // one row at once, then the rate
    return allowed >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) allowed - emitted;
  }

  /** Rows handed over so far. */
  long emitted() {
    return emitted;
  }

  @Override
  public boolean isBounded() {
    return spec.bounded;
  }

  @Override
  public void close() {
    generators = null;
  }
}
