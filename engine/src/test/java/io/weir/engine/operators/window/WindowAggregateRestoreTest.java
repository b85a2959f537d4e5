package io.weir.engine.operators.window;

import static io.weir.engine.operators.window.WindowAggregateOperatorTest.INPUT;
import static io.weir.engine.operators.window.WindowAggregateOperatorTest.call;
import static io.weir.engine.operators.window.WindowAggregateOperatorTest.countStar;
import static io.weir.engine.operators.window.WindowAggregateOperatorTest.in;
import static io.weir.engine.operators.window.WindowAggregateOperatorTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.state.ChangeLoggingWindowStore;
import io.weir.engine.state.ChangelogRestorer;
import io.weir.engine.state.WindowStore;
import io.weir.engine.state.WindowStoreFactory;
import io.weir.engine.state.memory.InMemoryWindowStore;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import io.weir.engine.testing.OperatorHarness;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window operator over a changelogging store survives a crash: an operator that committed
 * (flushed) at some point and then died, followed by a new operator opened on a store restored
 * from the changelog as it was at that commit and fed the input from that point again, emits
 * exactly what one uninterrupted operator emits — no window lost, none fired twice, none with a
 * different value — whatever the store, the cache bound and whether the changelog was compacted.
 */
class WindowAggregateRestoreTest {

  /** One step of the input: a row, or a watermark (row == null). */
  record Step(Object[] row, long watermark) {}

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String store : List.of("memory", "rocksdb")) {
      for (int cache : List.of(WindowAggregateOperator.DEFAULT_MAX_CACHED_ENTRIES, 3)) {
        for (boolean compacted : List.of(false, true)) {
          for (long seed = 1; seed <= 3; seed++) {
            out.add(Arguments.of(store, cache, compacted, seed));
          }
        }
      }
    }
    return out.stream();
  }

  /** Rows with out-of-order and late times over 12 keys, a watermark every few rows. */
  static List<Step> input(long seed) {
    Random rnd = new Random(seed);
    List<Step> steps = new ArrayList<>();
    long time = 0;
    long wm = Long.MIN_VALUE;
    for (int i = 0; i < 600; i++) {
      time += rnd.nextInt(400);
      long ts = time - (rnd.nextInt(10) == 0 ? rnd.nextInt(6_000) : 0);
      steps.add(new Step(in(ts, "k" + rnd.nextInt(12), rnd.nextInt(100)), 0));
      if (rnd.nextInt(8) == 0) {
        long next = time - 2_000;
        if (next > wm) {
          wm = next;
          steps.add(new Step(null, wm));
        }
      }
    }
    steps.add(new Step(null, Long.MAX_VALUE));
    return steps;
  }

  static void feed(OperatorHarness h, List<Step> steps) {
    for (Step s : steps) {
      if (s.row() != null) {
        h.processElement(s.row());
      } else if (s.watermark() > h.currentWatermark()) {
        h.processWatermark(s.watermark());
      }
    }
  }

  static WindowStore open(String kind, java.nio.file.Path dir) {
    return kind.equals("memory") ? new InMemoryWindowStore() : RocksDbWindowStore.open(dir);
  }

  /** The changelog with only the last record of every key, in the order of those last records. */
  static List<byte[][]> compact(List<byte[][]> log) {
    Map<ByteBuffer, byte[][]> last = new LinkedHashMap<>();
    for (byte[][] r : log) {
      ByteBuffer k = ByteBuffer.wrap(r[0]);
      last.remove(k);
      last.put(k, r);
    }
    return new ArrayList<>(last.values());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aCrashAfterACommitThenARestoreGivesTheUninterruptedOutput(String store, int cache,
      boolean compacted, long seed) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(2_000, 10_000), new int[] {1}, countStar(),
        call(AggCallSpec.Kind.SUM, 2, WindowAggregateOperatorTest.INT),
        call(AggCallSpec.Kind.MAX, 2, WindowAggregateOperatorTest.INT));
    List<Step> steps = input(seed);

    List<String> expected = new ArrayList<>();
    long expectedLate;
    WindowStoreFactory plain = dir -> open(store, dir);
    try (OperatorHarness reference = new OperatorHarness(new WindowAggregateOperator(spec, plain, cache))) {
      feed(reference, steps);
      reference.outputRows().forEach(r -> expected.add(Arrays.deepToString(r)));
      expectedLate = reference.metrics().lateRows.sum();
    }
    assertTrue(expected.size() > 100, "the input fires many windows: " + expected.size());

    // The first operator commits (flushes) at every 50th step and dies after a random one.
    Random rnd = new Random(seed * 31);
    List<byte[][]> log = new ArrayList<>();
    int commitAt = 0;
    int logAtCommit = 0;
    int outputAtCommit = 0;
    long lateAtCommit = 0;
    int crashAt = 100 + rnd.nextInt(steps.size() - 200);
    List<String> actual = new ArrayList<>();
    WindowStoreFactory logged = dir -> new ChangeLoggingWindowStore(open(store, dir),
        (k, v) -> log.add(new byte[][] {k, v}));
    try (OperatorHarness first = new OperatorHarness(new WindowAggregateOperator(spec, logged, cache))) {
      for (int i = 0; i < crashAt; i++) {
        feed(first, steps.subList(i, i + 1));
        if ((i + 1) % 50 == 0) {
          first.flush();
          commitAt = i + 1;
          logAtCommit = log.size();
          outputAtCommit = first.outputRows().size();
          lateAtCommit = first.metrics().lateRows.sum();
        }
      }
      first.outputRows().subList(0, outputAtCommit).forEach(r -> actual.add(Arrays.deepToString(r)));
    }

    // What the first operator wrote after its last commit is gone with it; the changelog up to
    // the commit rebuilds the store, and the input is replayed from the commit.
    List<byte[][]> committed = new ArrayList<>(log.subList(0, logAtCommit));
    List<byte[][]> replayed = compacted ? compact(committed) : committed;
    WindowStoreFactory restored = dir -> {
      WindowStore s = open(store, dir);
      try (ChangelogRestorer restorer = new ChangelogRestorer(s)) {
        for (byte[][] r : replayed) {
          restorer.apply(r[0], r[1]);
        }
      }
      return new ChangeLoggingWindowStore(s, (k, v) -> { });
    };
    WindowAggregateOperator second = new WindowAggregateOperator(spec, restored, cache);
    try (OperatorHarness h = new OperatorHarness(second)) {
      feed(h, steps.subList(commitAt, steps.size()));
      h.outputRows().forEach(r -> actual.add(Arrays.deepToString(r)));
      assertEquals(expectedLate, lateAtCommit + h.metrics().lateRows.sum(), "late rows");
      assertTrue(second.isStateEmpty(), "no state left after the last watermark");
    }
    assertEquals(expected, actual, "crash after step " + crashAt + ", commit at " + commitAt);
  }
}
