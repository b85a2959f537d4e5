package io.weir.engine.operators;

import java.util.Arrays;

/**
 * A reusable batch of rows: the unit that moves between operators. The runtime owns batches and
 * reuses them; an operator must not keep a reference to a batch (rows it keeps are its own).
 */
public final class RowBatch {
  private Object[][] rows;
  private int size;

  public RowBatch(int capacity) {
    rows = new Object[Math.max(1, capacity)][];
  }

  public void add(Object[] row) {
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, rows.length * 2);
    }
    rows[size++] = row;
  }

  public Object[] get(int i) {
    return rows[i];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Forgets every row (and drops the references so rows can be collected). */
  public void clear() {
    Arrays.fill(rows, 0, size, null);
    size = 0;
  }
}
