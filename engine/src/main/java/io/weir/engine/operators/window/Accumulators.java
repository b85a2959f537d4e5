package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.state.ByteReader;
import io.weir.engine.state.ByteWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The aggregate calls of one window aggregation laid out as one accumulator entry: creates,
 * updates, merges, retracts, reads out and (de)serializes the entries of {@link AccTable}s. An
 * entry is {@link #longStride} consecutive longs and {@link #objectStride} consecutive objects:
 * long 0 counts the entry's rows (whatever the calls are, so that an entry whose rows were all
 * retracted is known to be empty), then each call's slots in call order. This is the only place
 * that knows the byte layout of a stored entry: the row count, then each call's slots as its
 * {@link AggFunction} writes them. Not thread-safe (one task thread).
 */
final class Accumulators {
  private final List<AggCallSpec> calls;
  private final AggFunction[] functions;
  private final int[] argIndexes;
  /** Longs per entry: the row count and every call's long slots. */
  final int longStride;
  /** Objects per entry (0 when every call keeps plain longs). */
  final int objectStride;
  /** Every call can retract exactly: sliding windows add the newest slice, retract the oldest. */
  final boolean invertible;
  /** Every call merges to the same bits in any grouping: sliding windows may use two stacks. */
  final boolean orderFree;
  private final ByteReader reader = new ByteReader(new byte[0]);

  /**
   * @param calls the aggregate calls, in output order
   * @param input the rows the calls read (for argument types)
   * @throws WeirException INTERNAL when a call's argument is out of range or unsupported
   */
  Accumulators(List<AggCallSpec> calls, Schema input) {
    this.calls = List.copyOf(calls);
    this.functions = new AggFunction[calls.size()];
    this.argIndexes = new int[calls.size()];
    int longs = 1;
    int objects = 0;
    boolean inv = true;
    boolean free = true;
    for (int i = 0; i < calls.size(); i++) {
      AggCallSpec call = calls.get(i);
      int arg = call.argIndex();
      if (arg >= input.size()) {
        throw WeirException.internal("aggregate call " + call + " reads column " + arg
            + " but the input has " + input.size() + " columns: " + input, null);
      }
      DataType argType = arg < 0 ? null : input.field(arg).type();
      AggFunction f = AggFunction.create(call, argType);
      f.longBase = longs;
      f.objectBase = objects;
      longs += f.longSlots();
      objects += f.objectSlots();
      functions[i] = f;
      argIndexes[i] = arg;
      inv &= f.invertible();
      free &= f.orderFree();
    }
    this.longStride = longs;
    this.objectStride = objects;
    this.invertible = inv;
    this.orderFree = free;
  }

  int size() {
    return functions.length;
  }

  /** Adds one input row to the entry at long offset {@code lo} and object offset {@code oo}. */
  void add(long[] l, int lo, Object[] o, int oo, Object[] row) {
    l[lo]++;
    AggFunction[] fs = functions;
    int i = 0;
    try {
      for (; i < fs.length; i++) {
        int arg = argIndexes[i];
        fs[i].add(l, lo, o, oo, arg < 0 ? null : row[arg]);
      }
    } catch (ClassCastException e) {
      Object v = row[argIndexes[i]];
      throw WeirException.internal("aggregate " + calls.get(i) + " cannot take " + v + " ("
          + v.getClass().getName() + ")", e);
    }
  }

  /** How many rows the entry holds (0: it is empty, whatever its slots say). */
  static long rows(long[] l, int lo) {
    return l[lo];
  }

  /** Adds everything the source entry holds to the target entry, leaving the source as it is. */
  void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
    l[lo] += sl[slo];
    for (AggFunction f : functions) {
      f.merge(l, lo, o, oo, sl, slo, so, soo);
    }
  }

  /** Removes what merging the source entry added; only when {@link #invertible}. */
  void retract(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
    l[lo] -= sl[slo];
    for (AggFunction f : functions) {
      f.retract(l, lo, o, oo, sl, slo, so, soo);
    }
  }

  /** Back to the empty entry. */
  void reset(long[] l, int lo, Object[] o, int oo) {
    Arrays.fill(l, lo, lo + longStride, 0L);
    if (objectStride > 0) {
      Arrays.fill(o, oo, oo + objectStride, null);
    }
  }

  /** Writes each call's result into {@code out[offset …]}. */
  void results(long[] l, int lo, Object[] o, int oo, Object[] out, int offset) {
    for (int i = 0; i < functions.length; i++) {
      out[offset + i] = functions[i].result(l, lo, o, oo);
    }
  }

  /** The stored form of an entry, written through {@code w} (which is reset first). */
  byte[] serialize(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
    w.reset();
    w.putVarLong(l[lo]);
    for (AggFunction f : functions) {
      f.write(l, lo, o, oo, w);
    }
    return w.toByteArray();
  }

  /** Overwrites an entry with a stored form. */
  void deserialize(byte[] bytes, long[] l, int lo, Object[] o, int oo) {
    reader.reset(bytes);
    l[lo] = reader.getVarLong();
    for (AggFunction f : functions) {
      f.read(reader, l, lo, o, oo);
    }
    if (reader.hasRemaining()) {
      throw WeirException.internal("corrupt accumulator: " + reader.remaining()
          + " bytes left after reading " + calls, null);
    }
  }
}
