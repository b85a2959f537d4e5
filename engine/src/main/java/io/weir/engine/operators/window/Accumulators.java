package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.state.ByteReader;
import io.weir.engine.state.ByteWriter;
import io.weir.engine.udf.AggregateInvoker;
import io.weir.engine.udf.FunctionRef;
import java.util.List;

/**
 * The aggregate calls of one window aggregation laid out over an {@link AggState}: creates,
 * updates, merges, reads out and (de)serializes the accumulators of one (slice, key). This is the
 * only place that knows the byte layout of a stored accumulator: each call's slots in call order,
 * as its {@link AggFunction} writes them. Not thread-safe (one task thread).
 */
final class Accumulators {
  private final List<AggCallSpec> calls;
  private final AggFunction[] functions;
  private final int[] argIndexes;
  /** For user functions ({@code argIndexes[i] == TUPLE}): the argument columns of call i. */
  private final int[][] tuples;
  private static final int TUPLE = -2;
  private final int longSlots;
  private final int objectSlots;
  private final ByteReader reader = new ByteReader(new byte[0]);

  /**
   * @param calls the aggregate calls, in output order
   * @param input the rows the calls read (for argument types)
   * @throws WeirException INTERNAL when a call's argument is out of range or unsupported
   */
  Accumulators(List<AggCallSpec> calls, Schema input) {
    this(calls, input, null);
  }

  /**
   * @param userFunctions the invoker of each user aggregate call ({@code UDAF}); null when the
   *     calls use none
   */
  Accumulators(List<AggCallSpec> calls, Schema input,
      java.util.function.Function<FunctionRef, AggregateInvoker> userFunctions) {
    this.calls = List.copyOf(calls);
    this.functions = new AggFunction[calls.size()];
    this.argIndexes = new int[calls.size()];
    this.tuples = new int[calls.size()][];
    int longs = 0;
    int objects = 0;
    for (int i = 0; i < calls.size(); i++) {
      AggCallSpec call = calls.get(i);
      if (call.kind() == AggCallSpec.Kind.UDAF || call.kind() == AggCallSpec.Kind.COLLECT) {
        List<DataType> types = new java.util.ArrayList<>();
        int[] cols = new int[call.argIndexes().size()];
        for (int j = 0; j < cols.length; j++) {
          cols[j] = call.argIndexes().get(j);
          if (cols[j] < 0 || cols[j] >= input.size()) {
            throw WeirException.internal("aggregate call " + call + " reads column " + cols[j]
                + " but the input has " + input.size() + " columns: " + input, null);
          }
          types.add(input.field(cols[j]).type());
        }
        AggFunction f;
        if (call.kind() == AggCallSpec.Kind.COLLECT) {
          f = new UserAggFunctions.Collect(types);
        } else {
          if (userFunctions == null) {
            throw WeirException.internal("aggregate call " + call + " needs its user function", null);
          }
          f = new UserAggFunctions.Udaf(userFunctions.apply(call.function()));
        }
        f.longBase = longs;
        f.objectBase = objects;
        longs += f.longSlots();
        objects += f.objectSlots();
        functions[i] = f;
        argIndexes[i] = TUPLE;
        tuples[i] = cols;
        continue;
      }
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
    }
    this.longSlots = longs;
    this.objectSlots = objects;
  }

  int size() {
    return functions.length;
  }

  AggState newState() {
    return new AggState(longSlots, objectSlots);
  }

  /** Adds one input row to every call. */
  void add(AggState s, Object[] row) {
    int i = 0;
    try {
      for (; i < functions.length; i++) {
        int arg = argIndexes[i];
        functions[i].add(s, arg == TUPLE ? tuple(row, tuples[i]) : arg < 0 ? null : row[arg]);
      }
    } catch (ClassCastException e) {
      Object v = argIndexes[i] < 0 ? null : row[argIndexes[i]];
      throw WeirException.internal("aggregate " + calls.get(i) + " cannot take " + v + " ("
          + v.getClass().getName() + ")", e);
    }
  }

  private static Object[] tuple(Object[] row, int[] cols) {
    Object[] t = new Object[cols.length];
    for (int j = 0; j < cols.length; j++) {
      t[j] = row[cols[j]];
    }
    return t;
  }

  /** Adds everything {@code source} holds to {@code target}, leaving {@code source} as it is. */
  void merge(AggState target, AggState source) {
    for (AggFunction f : functions) {
      f.merge(target, source);
    }
  }

  /** Back to the empty accumulators, as from {@link #newState}. */
  void reset(AggState s) {
    java.util.Arrays.fill(s.longs, 0);
    java.util.Arrays.fill(s.objects, null);
  }

  /** Writes each call's result into {@code out[offset …]}. */
  void results(AggState s, Object[] out, int offset) {
    for (int i = 0; i < functions.length; i++) {
      out[offset + i] = functions[i].result(s);
    }
  }

  /** The stored form of {@code s}, written through {@code w} (which is reset first). */
  byte[] serialize(AggState s, ByteWriter w) {
    w.reset();
    for (AggFunction f : functions) {
      f.write(s, w);
    }
    return w.toByteArray();
  }

  /** A new state from its stored form. */
  AggState deserialize(byte[] bytes) {
    AggState s = newState();
    deserializeInto(bytes, s);
    return s;
  }

  /** Overwrites {@code s} with a stored form. */
  void deserializeInto(byte[] bytes, AggState s) {
    reader.reset(bytes);
    for (AggFunction f : functions) {
      f.read(reader, s);
    }
    if (reader.hasRemaining()) {
      throw WeirException.internal("corrupt accumulator: " + reader.remaining()
          + " bytes left after reading " + calls, null);
    }
  }
}
