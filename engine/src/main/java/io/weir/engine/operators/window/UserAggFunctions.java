package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.state.ByteReader;
import io.weir.engine.state.ByteWriter;
import io.weir.engine.state.KeyCodec;
import io.weir.engine.udf.AggregateInvoker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The aggregate functions that involve user code: a user aggregate ({@link Udaf}) and the row
 * collection of a window function ({@link Collect}). Their input value is the tuple of the call's
 * argument columns ({@code Object[]}). Neither retracts, and neither claims that merges in any
 * grouping give the same bits (user code need not be associative), so windows merge their
 * slices once, in order. Each keeps one object slot that no other entry shares: a merge into an
 * empty entry starts from a fresh accumulator, never from the source's.
 */
final class UserAggFunctions {
  private UserAggFunctions() {}

  /**
   * A user {@code AggregateFunction}: its accumulator (null until the first row) in one object
   * slot, merged into a fresh accumulator, stored with Java serialization.
   */
  static final class Udaf extends AggFunction.ObjectState {
    private final AggregateInvoker f;

    Udaf(AggregateInvoker f) {
      this.f = f;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      int i = oo + objectBase;
      Object acc = o[i];
      if (acc == null) {
        acc = f.initialize();
      }
      o[i] = f.add(acc, (Object[]) value);
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      Object b = so[soo + objectBase];
      if (b == null) {
        return;
      }
      int i = oo + objectBase;
      Object a = o[i];
      o[i] = f.merge(a == null ? f.initialize() : a, b);
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      Object acc = o[oo + objectBase];
      return f.result(acc == null ? f.initialize() : acc);
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      Object acc = o[oo + objectBase];
      if (acc == null) {
        w.putByte(0);
        return;
      }
      w.putByte(1);
      w.putLengthPrefixed(f.serialize(acc));
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      o[oo + objectBase] = r.getByte() == 0 ? null : f.deserialize(r.getLengthPrefixed());
    }
  }

  /**
   * The rows of a window for a window function: each input tuple is {@code [rowtime, args…]};
   * the result is the tuples' arguments ({@code List<Object[]>}) sorted by rowtime — stable, so
   * rows with one rowtime (always in one slice) keep their arrival order.
   */
  static final class Collect extends AggFunction.ObjectState {
    private static final Comparator<Object[]> BY_TIME = Comparator.comparingLong(t -> (Long) t[0]);
    private final KeyCodec codec;
    private final int arity;

    /** @param types the rowtime's type, then the arguments' types */
    Collect(List<DataType> types) {
      this.codec = KeyCodec.of(types);
      this.arity = types.size();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(Object[] o, int oo, boolean create) {
      int i = oo + objectBase;
      List<Object[]> rows = (List<Object[]>) o[i];
      if (rows == null && create) {
        rows = new ArrayList<>();
        o[i] = rows;
      }
      return rows;
    }

    @Override
    void add(long[] l, int lo, Object[] o, int oo, Object value) {
      rows(o, oo, true).add((Object[]) value);
    }

    @Override
    void merge(long[] l, int lo, Object[] o, int oo, long[] sl, int slo, Object[] so, int soo) {
      List<Object[]> from = rows(so, soo, false);
      if (from != null) {
        rows(o, oo, true).addAll(from);
      }
    }

    @Override
    Object result(long[] l, int lo, Object[] o, int oo) {
      List<Object[]> rows = rows(o, oo, false);
      if (rows == null) {
        return List.of();
      }
      List<Object[]> sorted = new ArrayList<>(rows);
      sorted.sort(BY_TIME);
      List<Object[]> args = new ArrayList<>(sorted.size());
      for (Object[] t : sorted) {
        args.add(java.util.Arrays.copyOfRange(t, 1, t.length));
      }
      return args;
    }

    @Override
    void write(long[] l, int lo, Object[] o, int oo, ByteWriter w) {
      List<Object[]> rows = rows(o, oo, false);
      w.putVarLong(rows == null ? 0 : rows.size());
      if (rows != null) {
        for (Object[] t : rows) {
          for (int i = 0; i < arity; i++) {
            codec.encodeValue(w, i, t[i]);
          }
        }
      }
    }

    @Override
    void read(ByteReader r, long[] l, int lo, Object[] o, int oo) {
      long n = r.getVarLong();
      if (n == 0) {
        o[oo + objectBase] = null;
        return;
      }
      List<Object[]> rows = new ArrayList<>((int) n);
      for (long k = 0; k < n; k++) {
        Object[] t = new Object[arity];
        for (int i = 0; i < arity; i++) {
          t[i] = codec.decodeValue(r, i);
        }
        rows.add(t);
      }
      o[oo + objectBase] = rows;
    }
  }
}
