package io.weir.engine.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.state.KeyCodec;
import io.weir.engine.state.WindowStoreFactory;
import io.weir.engine.state.memory.InMemoryWindowStore;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import io.weir.engine.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random rows — out of order, some late for every window, some late for only some, NULL keys and
 * values, thousands of keys — through the window operator and through a naive evaluator written
 * here (every row added to every open window it belongs to, windows fired whole). The emitted
 * rows must be equal, in order. Each case runs over both stores and with caches from "holds
 * everything" to "spills every few rows", so the incremental sliding windows (retracting, two
 * stacks), the afresh merge and the store path all meet the same reference.
 */
class WindowAggregateRandomizedTest {
  static final DataType TS = DataType.of(Kind.TIMESTAMP_LTZ);

  /** ts, k (BIGINT key), s (STRING key), v INT, d DOUBLE (exact halves). */
  static final Schema INPUT = Schema.of(new Field("ts", TS), new Field("k", DataType.of(Kind.BIGINT)),
      new Field("s", DataType.of(Kind.STRING)), new Field("v", DataType.of(Kind.INT)),
      new Field("d", DataType.of(Kind.DOUBLE)));

  enum Calls { INVERTIBLE, TWO_STACKS, AFRESH }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    WindowSpec[] windows = {WindowSpec.tumble(1_000), WindowSpec.hop(1_000, 5_000),
        WindowSpec.hop(300, 1_000), new WindowSpec(WindowSpec.Type.HOP, 4_000, 1_000, 500)};
    int seed = 1;
    for (WindowSpec w : windows) {
      for (Calls c : Calls.values()) {
        for (String store : List.of("memory", "rocksdb")) {
          for (int cache : new int[] {WindowAggregateOperator.DEFAULT_MAX_CACHED_ENTRIES, 300, 3}) {
            out.add(Arguments.of(w, c, store, cache, seed++));
          }
        }
      }
    }
    return out.stream();
  }

  static List<AggCallSpec> calls(Calls c) {
    DataType bigint = DataType.of(Kind.BIGINT);
    DataType integer = DataType.of(Kind.INT);
    List<AggCallSpec> calls = new ArrayList<>();
    calls.add(new AggCallSpec(AggCallSpec.Kind.COUNT, -1, false, bigint.notNull(), "c"));
    calls.add(new AggCallSpec(AggCallSpec.Kind.COUNT, 3, false, bigint.notNull(), "cv"));
    calls.add(new AggCallSpec(AggCallSpec.Kind.SUM, 3, false, integer, "sv"));
    calls.add(new AggCallSpec(AggCallSpec.Kind.AVG, 3, false, integer, "av"));
    if (c != Calls.INVERTIBLE) {
      calls.add(new AggCallSpec(AggCallSpec.Kind.MIN, 3, false, integer, "mn"));
      calls.add(new AggCallSpec(AggCallSpec.Kind.MAX, 2, false, DataType.of(Kind.STRING), "mx"));
    }
    if (c == Calls.AFRESH) {
      calls.add(new AggCallSpec(AggCallSpec.Kind.SUM, 4, false, DataType.of(Kind.DOUBLE), "sd"));
      calls.add(new AggCallSpec(AggCallSpec.Kind.COUNT, 3, true, bigint.notNull(), "cdv"));
    }
    return calls;
  }

  @ParameterizedTest(name = "{0} {1} {2} cache {3}")
  @MethodSource("cases")
  void matchesTheNaiveEvaluator(WindowSpec window, Calls c, String store, int cache, int seed) {
    SplittableRandom random = new SplittableRandom(seed * 7919L);
    boolean longKey = random.nextBoolean();
    int[] keys = longKey ? new int[] {1} : new int[] {2, 1};
    List<AggCallSpec> calls = calls(c);
    List<Field> outFields = new ArrayList<>();
    for (int k : keys) {
      outFields.add(INPUT.field(k));
    }
    outFields.add(new Field("window_start", TS.notNull()));
    outFields.add(new Field("window_end", TS.notNull()));
    for (AggCallSpec call : calls) {
      outFields.add(new Field(call.name(), call.resultType()));
    }
    WindowAggSpec spec = new WindowAggSpec(window, 0, keys, calls, INPUT, new Schema(outFields));
    WindowStoreFactory factory = store.equals("memory")
        ? InMemoryWindowStore.FACTORY : RocksDbWindowStore.FACTORY;
    WindowAggregateOperator op = new WindowAggregateOperator(spec, factory, cache);
    Reference ref = new Reference(SliceAssigner.of(window), keys, calls);
    int keyCount = 1 + random.nextInt(random.nextBoolean() ? 8 : 2_000);
    int rows = 3_000 + random.nextInt(3_000);
    long time = -20_000 + random.nextInt(40_000);
    long wm = Long.MIN_VALUE;
    try (OperatorHarness h = new OperatorHarness(op)) {
      List<Object[]> batch = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        time += random.nextInt(40);
        long ts = time - random.nextInt(random.nextInt(10) == 0 ? 6_000 : 400);
        Object[] row = {random.nextInt(200) == 0 ? null : ts,
            random.nextInt(50) == 0 ? null : (long) random.nextInt(keyCount) - keyCount / 3,
            random.nextInt(50) == 0 ? null : "k" + random.nextInt(Math.max(1, keyCount / 5)),
            random.nextInt(10) == 0 ? null : random.nextInt(2_000) - 1_000,
            random.nextInt(10) == 0 ? null : (random.nextInt(400) - 200) / 2.0};
        batch.add(row);
        ref.row(row);
        if (batch.size() >= 1 + random.nextInt(64)) {
          h.processBatch(batch);
          batch.clear();
        }
        if (random.nextInt(50) == 0) {
          h.processBatch(batch);
          batch.clear();
          long next = time - 300 - random.nextInt(500);
          if (next > wm) {
            wm = next;
            h.processWatermark(wm);
            ref.watermark(wm);
          }
        }
        if (random.nextInt(400) == 0) {
          h.flush();
        }
      }
      h.processBatch(batch);
      h.processWatermark(Long.MAX_VALUE);
      ref.watermark(Long.MAX_VALUE);
      List<String> expected = ref.output.stream().map(Arrays::deepToString).toList();
      List<String> actual = h.outputRows().stream().map(Arrays::deepToString).toList();
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        assertEquals(expected.get(i), actual.get(i), "row " + i + " (of " + expected.size()
            + " expected, " + actual.size() + " emitted)");
      }
      assertEquals(expected.size(), actual.size(), "rows emitted");
      assertEquals(ref.late, h.lateRows().size(), "late rows");
      assertTrue(op.isStateEmpty(), "state left after the final watermark");
      assertEquals(0, op.cachedKeys());
    }
  }

  /** Every row into every open window it belongs to; windows fire whole, keys in key order. */
  static final class Reference {
    final SliceAssigner assigner;
    final int[] keys;
    final List<AggCallSpec> calls;
    final KeyCodec codec;
    final TreeMap<Long, Map<List<Object>, List<Object[]>>> windows = new TreeMap<>();
    final Set<Long> fired = new HashSet<>();
    final List<Object[]> output = new ArrayList<>();
    long wm = Long.MIN_VALUE;
    int late;

    Reference(SliceAssigner assigner, int[] keys, List<AggCallSpec> calls) {
      this.assigner = assigner;
      this.keys = keys;
      this.calls = calls;
      List<DataType> types = new ArrayList<>();
      for (int k : keys) {
        types.add(INPUT.field(k).type());
      }
      this.codec = KeyCodec.of(types);
    }

    void row(Object[] row) {
      if (row[0] == null || assigner.isLate((Long) row[0], wm)) {
        late++;
        return;
      }
      List<Object> key = new ArrayList<>();
      for (int k : keys) {
        key.add(row[k]);
      }
      for (long end : assigner.windowEnds((Long) row[0])) {
        if (end - 1 > wm) {
          windows.computeIfAbsent(end, e -> new HashMap<>())
              .computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
      }
    }

    void watermark(long w) {
      wm = w;
      while (!windows.isEmpty() && windows.firstKey() - 1 <= w) {
        Map.Entry<Long, Map<List<Object>, List<Object[]>>> e = windows.pollFirstEntry();
        long end = e.getKey();
        List<Map.Entry<List<Object>, List<Object[]>>> groups = new ArrayList<>(e.getValue().entrySet());
        groups.sort((a, b) -> KeyCodec.compare(codec.encode(a.getKey().toArray()),
            codec.encode(b.getKey().toArray())));
        for (Map.Entry<List<Object>, List<Object[]>> g : groups) {
          List<Object> out = new ArrayList<>(g.getKey());
          out.add(end - assigner.windowSize());
          out.add(end);
          for (AggCallSpec call : calls) {
            out.add(aggregate(call, g.getValue()));
          }
          output.add(out.toArray());
        }
      }
    }

    static Object aggregate(AggCallSpec call, List<Object[]> rows) {
      List<Object> values = new ArrayList<>();
      for (Object[] r : rows) {
        Object v = call.argIndex() < 0 ? 1 : r[call.argIndex()];
        if (v != null) {
          values.add(v);
        }
      }
      if (call.distinct()) {
        values = new ArrayList<>(new HashSet<>(values));
      }
      switch (call.kind()) {
        case COUNT:
          return (long) values.size();
        case SUM:
          if (values.isEmpty()) {
            return null;
          }
          if (call.resultType().kind() == Kind.DOUBLE) {
            double s = 0;
            for (Object v : values) {
              s += (Double) v;
            }
            return s;
          }
          int s = 0;
          for (Object v : values) {
            s += (Integer) v;
          }
          return s;
        case AVG: {
          if (values.isEmpty()) {
            return null;
          }
          long sum = 0;
          for (Object v : values) {
            sum += (Integer) v;
          }
          return (int) (sum / values.size());
        }
        case MIN:
        case MAX: {
          if (values.isEmpty()) {
            return null;
          }
          Object best = values.get(0);
          for (Object v : values) {
            @SuppressWarnings("unchecked")
            int cmp = ((Comparable<Object>) v).compareTo(best);
            if (call.kind() == AggCallSpec.Kind.MIN ? cmp < 0 : cmp > 0) {
              best = v;
            }
          }
          return best;
        }
        default:
          throw new IllegalArgumentException(call.toString());
      }
    }
  }
}
