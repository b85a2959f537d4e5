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
 * argument columns ({@code Object[]}).
 */
final class UserAggFunctions {
  private UserAggFunctions() {}

  /**
   * A user {@code AggregateFunction}: one object slot holds its accumulator (null until the first
   * row), merged into a fresh accumulator, stored with Java serialization.
   */
  static final class Udaf extends AggFunction {
    private final AggregateInvoker f;

    Udaf(AggregateInvoker f) {
      this.f = f;
    }

    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1;
    }

    @Override
    void add(AggState s, Object value) {
      Object acc = s.objects[objectBase];
      if (acc == null) {
        acc = f.initialize();
      }
      s.objects[objectBase] = f.add(acc, (Object[]) value);
    }

    @Override
    void merge(AggState target, AggState source) {
      Object b = source.objects[objectBase];
      if (b == null) {
        return;
      }
      Object a = target.objects[objectBase];
      target.objects[objectBase] = f.merge(a == null ? f.initialize() : a, b);
    }

    @Override
    Object result(AggState s) {
      Object acc = s.objects[objectBase];
      return f.result(acc == null ? f.initialize() : acc);
    }

    @Override
    void write(AggState s, ByteWriter w) {
      Object acc = s.objects[objectBase];
      if (acc == null) {
        w.putByte(0);
        return;
      }
      w.putByte(1);
      w.putLengthPrefixed(f.serialize(acc));
    }

    @Override
    void read(ByteReader r, AggState s) {
      s.objects[objectBase] = r.getByte() == 0 ? null : f.deserialize(r.getLengthPrefixed());
    }
  }

  /**
   * The rows of a window for a window function: each input tuple is {@code [rowtime, args…]};
   * the result is the tuples' arguments ({@code List<Object[]>}) sorted by rowtime — stable, so
   * rows with one rowtime (always in one slice) keep their arrival order.
   */
  static final class Collect extends AggFunction {
    private static final Comparator<Object[]> BY_TIME = Comparator.comparingLong(t -> (Long) t[0]);
    private final KeyCodec codec;
    private final int arity;

    /** @param types the rowtime's type, then the arguments' types */
    Collect(List<DataType> types) {
      this.codec = KeyCodec.of(types);
      this.arity = types.size();
    }

    @Override
    int longSlots() {
      return 0;
    }

    @Override
    int objectSlots() {
      return 1;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(AggState s, boolean create) {
      List<Object[]> rows = (List<Object[]>) s.objects[objectBase];
      if (rows == null && create) {
        rows = new ArrayList<>();
        s.objects[objectBase] = rows;
      }
      return rows;
    }

    @Override
    void add(AggState s, Object value) {
      rows(s, true).add((Object[]) value);
    }

    @Override
    void merge(AggState target, AggState source) {
      List<Object[]> from = rows(source, false);
      if (from != null) {
        rows(target, true).addAll(from);
      }
    }

    @Override
    Object result(AggState s) {
      List<Object[]> rows = rows(s, false);
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
    void write(AggState s, ByteWriter w) {
      List<Object[]> rows = rows(s, false);
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
    void read(ByteReader r, AggState s) {
      long n = r.getVarLong();
      if (n == 0) {
        s.objects[objectBase] = null;
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
      s.objects[objectBase] = rows;
    }
  }
}
