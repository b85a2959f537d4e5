package io.weir.engine.operators.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.state.WindowStoreFactory;
import io.weir.engine.state.memory.InMemoryWindowStore;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import io.weir.engine.testing.OperatorHarness;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-computed cases of the window aggregation, each over both stores and with a cache large
 * enough to hold everything as well as one so small that every few rows spill to the store.
 */
class WindowAggregateOperatorTest {

  static final DataType TS = DataType.of(Kind.TIMESTAMP_LTZ);
  static final DataType STRING = DataType.of(Kind.STRING);
  static final DataType INT = DataType.of(Kind.INT);
  static final DataType BIGINT = DataType.of(Kind.BIGINT);
  static final DataType DOUBLE = DataType.of(Kind.DOUBLE);
  static final DataType FLOAT = DataType.of(Kind.FLOAT);
  static final DataType BOOLEAN = DataType.of(Kind.BOOLEAN);
  static final DataType DEC = DataType.decimal(10, 2);

  /** ts, k, v INT, d DOUBLE, m DECIMAL(10,2), b BOOLEAN, l BIGINT, f FLOAT, t TIMESTAMP. */
  static final Schema INPUT = Schema.of(
      new Field("ts", TS), new Field("k", STRING), new Field("v", INT), new Field("d", DOUBLE),
      new Field("m", DEC), new Field("b", BOOLEAN), new Field("l", BIGINT), new Field("f", FLOAT),
      new Field("t", TS));

  static Stream<Arguments> stores() {
    return Stream.of(
        Arguments.of("memory", WindowAggregateOperator.DEFAULT_MAX_CACHED_ENTRIES),
        Arguments.of("memory", 2),
        Arguments.of("rocksdb", WindowAggregateOperator.DEFAULT_MAX_CACHED_ENTRIES),
        Arguments.of("rocksdb", 2));
  }

  static WindowStoreFactory factory(String store) {
    return store.equals("memory") ? InMemoryWindowStore.FACTORY : RocksDbWindowStore.FACTORY;
  }

  static AggCallSpec call(AggCallSpec.Kind kind, int arg, DataType result) {
    return new AggCallSpec(kind, arg, false, result, kind.name().toLowerCase() + arg);
  }

  static AggCallSpec distinct(AggCallSpec.Kind kind, int arg, DataType result) {
    return new AggCallSpec(kind, arg, true, result, kind.name().toLowerCase() + "_distinct" + arg);
  }

  static AggCallSpec countStar() {
    return new AggCallSpec(AggCallSpec.Kind.COUNT, -1, false, BIGINT.notNull(), "cnt");
  }

  static WindowAggSpec spec(Schema input, WindowSpec window, int[] keys, AggCallSpec... calls) {
    List<Field> out = new ArrayList<>();
    for (int k : keys) {
      out.add(input.field(k));
    }
    out.add(new Field("window_start", TS.notNull()));
    out.add(new Field("window_end", TS.notNull()));
    for (AggCallSpec c : calls) {
      out.add(new Field(c.name(), c.resultType()));
    }
    return new WindowAggSpec(window, 0, keys, List.of(calls), input, new Schema(out));
  }

  /** A harness around a fresh operator; the test keeps a reference to the operator. */
  record Setup(OperatorHarness harness, WindowAggregateOperator operator) implements AutoCloseable {
    static Setup of(WindowAggSpec spec, String store, int cache) {
      WindowAggregateOperator op = new WindowAggregateOperator(spec, factory(store), cache);
      return new Setup(new OperatorHarness(op), op);
    }

    /** Sends the end-of-input watermark and checks that no state is left anywhere. */
    void finish() {
      harness.processWatermark(Long.MAX_VALUE);
      assertTrue(operator.isStateEmpty(), "state left after the final watermark");
      assertEquals(0, operator.activeSlices());
      assertEquals(0, operator.cachedEntries());
    }

    @Override
    public void close() {
      harness.close();
    }
  }

  static Object[] in(long ts, String k, Integer v) {
    return new Object[] {ts, k, v, null, null, null, null, null, null};
  }

  static Object[] row(Object... values) {
    return values;
  }

  static void assertRows(List<Object[]> actual, Object[]... expected) {
    assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual.toArray()));
  }

  // ------------------------------------------------------------------ TUMBLE / HOP

  @ParameterizedTest
  @MethodSource("stores")
  void tumbleFiresEachWindowAtEndMinusOneInKeyOrder(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1},
        countStar(), call(AggCallSpec.Kind.SUM, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(1_000, "b", 1), in(2_000, "a", 2), in(9_999, "b", 3),
          in(10_000, "b", 4), in(15_000, "a", 5)));
      h.processWatermark(9_998);
      assertRows(h.outputRows());
      h.processWatermark(9_999);
      assertRows(h.outputRows(),
          row("a", 0L, 10_000L, 1L, 2),
          row("b", 0L, 10_000L, 2L, 4));
      assertEquals(9_999, h.output().get(0).watermark());
      h.clearOutput();
      h.processWatermark(19_999);
      assertRows(h.outputRows(),
          row("a", 10_000L, 20_000L, 1L, 5),
          row("b", 10_000L, 20_000L, 1L, 4));
      assertEquals(0, h.metrics().lateRows.sum());
      s.finish();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void hopCountsAnEventInEveryWindowAndFiresInIncreasingEnd(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(5_000, 10_000), new int[] {1}, countStar(),
        call(AggCallSpec.Kind.SUM, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(1_000, "a", 1), in(6_000, "a", 10), in(12_000, "a", 100),
          in(6_500, "b", 7)));
      h.processWatermark(20_000);
      assertRows(h.outputRows(),
          row("a", -5_000L, 5_000L, 1L, 1),
          row("a", 0L, 10_000L, 2L, 11),
          row("b", 0L, 10_000L, 1L, 7),
          row("a", 5_000L, 15_000L, 2L, 110),
          row("b", 5_000L, 15_000L, 1L, 7),
          row("a", 10_000L, 20_000L, 1L, 100));
      s.finish();
      assertEquals(6, h.outputRows().size()); // nothing more at the end
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void hopWhoseSizeIsNotAMultipleOfTheSlide(String store, int cache) {
    // HOP(3 s, 10 s): slices of 1 s; ts 0 is in 4 windows, ts 2500 in 3.
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(3_000, 10_000), new int[] {}, countStar(),
        call(AggCallSpec.Kind.SUM, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(0, "x", 1), in(2_500, "x", 10)));
      s.finish();
      assertRows(h.outputRows(),
          row(-9_000L, 1_000L, 1L, 1),
          row(-6_000L, 4_000L, 2L, 11),
          row(-3_000L, 7_000L, 2L, 11),
          row(0L, 10_000L, 2L, 11));
    }
    // HOP(4 s, 10 s): slices of 2 s; ts 3000 is only in [-4000, 6000) and [0, 10000).
    spec = spec(INPUT, WindowSpec.hop(4_000, 10_000), new int[] {}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(3_000, "x", 1), in(9_999, "x", 1)));
      h.processWatermark(9_999);
      assertRows(h.outputRows(),
          row(-4_000L, 6_000L, 1L),
          row(0L, 10_000L, 2L));
      // Slice [2000, 4000) has no window left; slice [8000, 10000) still has two.
      assertEquals(1, s.operator().activeSlices());
      h.clearOutput();
      s.finish();
      assertRows(h.outputRows(),
          row(4_000L, 14_000L, 1L),
          row(8_000L, 18_000L, 1L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void negativeTimestamps(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(-15_000, "a", 1), in(-10_000, "a", 1), in(-10_001, "a", 1),
          in(-1, "a", 1), in(0, "a", 1)));
      h.processWatermark(-10_001);
      assertRows(h.outputRows(), row("a", -20_000L, -10_000L, 2L));
      h.processWatermark(-1);
      s.finish();
      assertRows(h.outputRows(),
          row("a", -20_000L, -10_000L, 2L),
          row("a", -10_000L, 0L, 2L),
          row("a", 0L, 10_000L, 1L));
      assertEquals(-1, h.output().get(1).watermark());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void offsetWindows(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, new WindowSpec(WindowSpec.Type.TUMBLE, 10_000, 10_000, 2_000),
        new int[] {}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      s.harness().processBatch(List.of(in(1_999, "a", 1), in(2_000, "a", 1)));
      s.finish();
      assertRows(s.harness().outputRows(),
          row(-8_000L, 2_000L, 1L),
          row(2_000L, 12_000L, 1L));
    }
  }

  // ------------------------------------------------------------------ order and lateness

  @ParameterizedTest
  @MethodSource("stores")
  void outOfOrderRowsWithinTheWatermarkAreCounted(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processElement(in(8_000, "a", 1));
      h.processWatermark(5_000);
      h.processElement(in(1_000, "a", 1)); // older than the newest, but its window is open
      h.processElement(in(12_000, "a", 1));
      h.processElement(in(9_999, "a", 1));
      h.processWatermark(9_999);
      assertRows(h.outputRows(), row("a", 0L, 10_000L, 3L));
      assertTrue(h.lateRows().isEmpty());
      s.finish();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void rowsLateForEveryWindowGoToLateRowsAndAreCounted(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processElement(in(5_000, "a", 1));
      h.processWatermark(9_999);
      assertRows(h.outputRows(), row("a", 0L, 10_000L, 1L));
      Object[] late = in(9_999, "a", 2);
      Object[] lateOther = in(-3, "b", 3);
      h.processBatch(List.of(late, in(10_000, "a", 4), lateOther));
      assertEquals(2, h.lateRows().size());
      assertSame(late, h.lateRows().get(0));
      assertSame(lateOther, h.lateRows().get(1));
      assertEquals(2, h.metrics().lateRows.sum());
      s.finish();
      // The fired window never fires again; the on-time row fires in its own window.
      assertRows(h.outputRows(), row("a", 0L, 10_000L, 1L), row("a", 10_000L, 20_000L, 1L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void rowsLateForSomeHopWindowsCountOnlyInTheOpenOnes(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(5_000, 10_000), new int[] {1}, countStar(),
        call(AggCallSpec.Kind.SUM, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processElement(in(6_000, "a", 1));
      h.processWatermark(9_999); // fires [0, 10000)
      assertRows(h.outputRows(), row("a", 0L, 10_000L, 1L, 1));
      h.clearOutput();
      // 7000 is in [0, 10000) (fired) and [5000, 15000) (open): counted in the open one only.
      h.processElement(in(7_000, "a", 10));
      // 2000 is in [-5000, 5000) and [0, 10000): both fired, so it is late.
      Object[] late = in(2_000, "a", 100);
      h.processElement(late);
      assertEquals(List.<Object[]>of(late), h.lateRows());
      s.finish();
      // [10000, 20000) holds neither row, so nothing else fires.
      assertRows(h.outputRows(), row("a", 5_000L, 15_000L, 2L, 11));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void nullRowtimeGoesToLateRows(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      Object[] noTime = new Object[] {null, "a", 1, null, null, null, null, null, null};
      h.processBatch(List.of(noTime, in(1, "a", 1)));
      assertEquals(List.<Object[]>of(noTime), h.lateRows());
      assertEquals(1, h.metrics().lateRows.sum());
      s.finish();
      assertRows(h.outputRows(), row("a", 0L, 10_000L, 1L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void emptyWindowsAreNotEmitted(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(1_000, 3_000), new int[] {1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(500, "a", 1), in(1_000_000_500L, "b", 1)));
      h.processWatermark(1_000_000_000L);
      assertEquals(3, h.outputRows().size());
      s.finish();
      assertRows(h.outputRows(),
          row("a", -2_000L, 1_000L, 1L),
          row("a", -1_000L, 2_000L, 1L),
          row("a", 0L, 3_000L, 1L),
          row("b", 999_998_000L, 1_000_001_000L, 1L),
          row("b", 999_999_000L, 1_000_002_000L, 1L),
          row("b", 1_000_000_000L, 1_000_003_000L, 1L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void keysComeOutInSqlOrderWithNullFirst(String store, int cache) {
    Schema input = Schema.of(new Field("ts", TS), new Field("s", STRING), new Field("i", INT));
    WindowAggSpec spec = spec(input, WindowSpec.tumble(10), new int[] {2, 1}, countStar());
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      for (Object[] r : new Object[][] {
          {1L, "b", 1}, {1L, "a", 1}, {1L, null, -5}, {1L, "a", null}, {1L, "\uffff", 1},
          {1L, "\ud83d\ude00", 1}, {1L, "a", -300}, {1L, "a", 1}}) {
        h.processElement(r);
      }
      s.finish();
      assertRows(h.outputRows(),
          row(null, "a", 0L, 10L, 1L),
          row(-300, "a", 0L, 10L, 1L),
          row(-5, null, 0L, 10L, 1L),
          row(1, "a", 0L, 10L, 2L),
          row(1, "b", 0L, 10L, 1L),
          row(1, "\uffff", 0L, 10L, 1L),
          row(1, "\ud83d\ude00", 0L, 10L, 1L));
    }
  }

  // ------------------------------------------------------------------ aggregates

  @ParameterizedTest
  @MethodSource("stores")
  void countDistinctMergesAcrossSlices(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(5_000, 10_000), new int[] {1},
        distinct(AggCallSpec.Kind.COUNT, 2, BIGINT.notNull()), countStar(),
        distinct(AggCallSpec.Kind.SUM, 2, INT), distinct(AggCallSpec.Kind.AVG, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(1_000, "a", 1), in(2_000, "a", 1), in(6_000, "a", 1),
          in(7_000, "a", 2), in(8_000, "a", null), in(11_000, "a", 4)));
      s.finish();
      assertRows(h.outputRows(),
          row("a", -5_000L, 5_000L, 1L, 2L, 1, 1),
          row("a", 0L, 10_000L, 2L, 5L, 3, 1),
          row("a", 5_000L, 15_000L, 3L, 4L, 7, 2),
          row("a", 10_000L, 20_000L, 1L, 1L, 4, 4));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void nullInputsForEveryAggregate(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1},
        countStar(), call(AggCallSpec.Kind.COUNT, 2, BIGINT.notNull()),
        call(AggCallSpec.Kind.SUM, 2, INT), call(AggCallSpec.Kind.AVG, 2, INT),
        call(AggCallSpec.Kind.MIN, 2, INT), call(AggCallSpec.Kind.MAX, 2, INT),
        distinct(AggCallSpec.Kind.COUNT, 2, BIGINT.notNull()),
        call(AggCallSpec.Kind.SUM, 4, DataType.decimal(38, 2)),
        call(AggCallSpec.Kind.MAX, 1, STRING), call(AggCallSpec.Kind.SUM, 3, DOUBLE));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(1, "allnull", null), in(2, "allnull", null),
          in(3, "mixed", null), in(4, "mixed", 6), in(5, "mixed", 3)));
      s.finish();
      assertRows(h.outputRows(),
          row("allnull", 0L, 10_000L, 2L, 0L, null, null, null, null, 0L, null, "allnull", null),
          row("mixed", 0L, 10_000L, 3L, 2L, 9, 4, 3, 6, 2L, null, "mixed", null));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void sumAndAvgKeepTheResultTypes(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {},
        call(AggCallSpec.Kind.SUM, 4, DataType.decimal(38, 2)),
        call(AggCallSpec.Kind.AVG, 4, DataType.decimal(38, 6)),
        call(AggCallSpec.Kind.AVG, 2, INT), call(AggCallSpec.Kind.AVG, 6, BIGINT),
        call(AggCallSpec.Kind.AVG, 3, DOUBLE), call(AggCallSpec.Kind.SUM, 6, BIGINT),
        call(AggCallSpec.Kind.SUM, 7, FLOAT), call(AggCallSpec.Kind.AVG, 7, FLOAT),
        call(AggCallSpec.Kind.SUM, 2, INT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      // m: 1.00 + 2.00 + 2.00 = 5.00, avg 1.666667; v: -1, -2 -> avg -1 (truncated, as Flink)
      h.processBatch(List.of(
          new Object[] {1L, "a", -1, 1.5, new BigDecimal("1.00"), null, 7L, 0.5f, null},
          new Object[] {2L, "a", -2, 2.0, new BigDecimal("2.00"), null, 8L, 0.25f, null},
          new Object[] {3L, "a", null, null, new BigDecimal("2.00"), null, null, null, null},
          new Object[] {4L, "a", Integer.MAX_VALUE, null, null, null, null, null, null}));
      // Another window: decimal sums keep the result scale whatever the inputs' scales.
      h.processBatch(List.of(
          new Object[] {10_001L, "a", 3, null, new BigDecimal("1.10"), null, null, null, null},
          new Object[] {10_002L, "a", 4, null, new BigDecimal("2.25"), null, null, null, null},
          new Object[] {10_003L, "a", null, null, new BigDecimal("-0.35"), null, null, null,
              null}));
      s.finish();
      long intSum = -1L + -2L + Integer.MAX_VALUE;
      assertRows(h.outputRows(),
          row(0L, 10_000L, new BigDecimal("5.00"), new BigDecimal("1.666667"),
              (int) (intSum / 3), 7L, 1.75, 15L, 0.75f, 0.375f, (int) intSum),
          row(10_000L, 20_000L, new BigDecimal("3.00"), new BigDecimal("1.000000"), 3, null, null,
              null, null, null, 7));
      Object[] first = h.outputRows().get(0);
      assertEquals(BigDecimal.class, first[2].getClass());
      assertEquals(2, ((BigDecimal) first[2]).scale());
      assertEquals(Integer.class, first[4].getClass());
      assertEquals(Long.class, first[5].getClass());
      assertEquals(Double.class, first[6].getClass());
      assertEquals(Float.class, first[8].getClass());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void minAndMaxOfEveryComparableType(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(5_000, 10_000), new int[] {},
        call(AggCallSpec.Kind.MIN, 2, INT), call(AggCallSpec.Kind.MAX, 2, INT),
        call(AggCallSpec.Kind.MIN, 1, STRING), call(AggCallSpec.Kind.MAX, 1, STRING),
        call(AggCallSpec.Kind.MIN, 3, DOUBLE), call(AggCallSpec.Kind.MAX, 4, DEC),
        call(AggCallSpec.Kind.MIN, 5, BOOLEAN), call(AggCallSpec.Kind.MAX, 5, BOOLEAN),
        call(AggCallSpec.Kind.MAX, 8, TS), call(AggCallSpec.Kind.MIN, 6, BIGINT),
        call(AggCallSpec.Kind.MAX, 7, FLOAT));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(
          new Object[] {1_000L, "\uffff", 5, -0.5, new BigDecimal("9.99"), true, 5L, 1.5f, -5L},
          new Object[] {2_000L, "abc", -7, 2.5, new BigDecimal("10.01"), true, -6L, -1f, 7L},
          new Object[] {6_000L, "\ud83d\ude00", null, null, null, false, null, null, null},
          new Object[] {7_000L, "ab", 100, -1e9, new BigDecimal("-3.00"), null, 3L, 2.5f,
              1_700_000_000_000L}));
      s.finish();
      assertRows(h.outputRows(),
          row(-5_000L, 5_000L, -7, 5, "abc", "\uffff", -0.5, new BigDecimal("10.01"), true, true,
              7L, -6L, 1.5f),
          row(0L, 10_000L, -7, 100, "ab", "\ud83d\ude00", -1e9, new BigDecimal("10.01"), false,
              true, 1_700_000_000_000L, -6L, 2.5f),
          row(5_000L, 15_000L, 100, 100, "ab", "\ud83d\ude00", -1e9, new BigDecimal("-3.00"),
              false, false, 1_700_000_000_000L, 3L, 2.5f));
    }
  }

  // ------------------------------------------------------------------ state

  @ParameterizedTest
  @MethodSource("stores")
  void flushInTheMiddleKeepsResultsAndSlicesExpireAsWindowsFire(String store, int cache) {
    WindowAggSpec spec = spec(INPUT, WindowSpec.hop(5_000, 10_000), new int[] {1}, countStar(),
        distinct(AggCallSpec.Kind.COUNT, 2, BIGINT.notNull()));
    try (Setup s = Setup.of(spec, store, cache)) {
      OperatorHarness h = s.harness();
      h.processBatch(List.of(in(1_000, "a", 1), in(1_500, "b", 1)));
      h.flush();
      h.processBatch(List.of(in(2_000, "a", 2), in(6_000, "a", 1)));
      h.flush();
      h.processElement(in(7_000, "a", 3));
      assertEquals(2, s.operator().activeSlices());
      h.processWatermark(4_999);
      // Slice [0, 5000) is still needed by [0, 10000).
      assertEquals(2, s.operator().activeSlices());
      h.processWatermark(9_999);
      assertEquals(1, s.operator().activeSlices());
      s.finish();
      assertRows(h.outputRows(),
          row("a", -5_000L, 5_000L, 2L, 2L),
          row("b", -5_000L, 5_000L, 1L, 1L),
          row("a", 0L, 10_000L, 4L, 3L),
          row("b", 0L, 10_000L, 1L, 1L),
          row("a", 5_000L, 15_000L, 2L, 2L));
    }
  }

  @Test
  void rocksDbFilesLiveInTheStateDirectoryAndAreDeletedOnClose() throws Exception {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    WindowAggregateOperator op = new WindowAggregateOperator(spec, RocksDbWindowStore.FACTORY, 2);
    OperatorHarness h = new OperatorHarness(op);
    h.processBatch(List.of(in(1, "a", 1), in(2, "b", 1), in(3, "c", 1)));
    assertTrue(Files.exists(h.stateDirectory().resolve("CURRENT")));
    assertFalse(op.isStateEmpty());
    h.close();
    assertFalse(Files.exists(h.stateDirectory()));
  }

  @Test
  void badSpecsAreRejectedNamingTheValue() {
    WeirException e = assertThrows(WeirException.class, () -> new WindowAggregateOperator(
        new WindowAggSpec(WindowSpec.tumble(10), 1, new int[] {}, List.of(countStar()), INPUT,
            null), InMemoryWindowStore.FACTORY));
    assertTrue(e.getMessage().contains("k STRING"), e.getMessage());
    e = assertThrows(WeirException.class, () -> new WindowAggregateOperator(
        spec(INPUT, WindowSpec.tumble(10), new int[] {}, call(AggCallSpec.Kind.SUM, 1, STRING)),
        InMemoryWindowStore.FACTORY));
    assertTrue(e.getMessage().contains("SUM($1)"), e.getMessage());
    e = assertThrows(WeirException.class, () -> new WindowAggregateOperator(
        new WindowAggSpec(WindowSpec.tumble(10), 0, new int[] {42}, List.of(countStar()), INPUT,
            null), InMemoryWindowStore.FACTORY));
    assertTrue(e.getMessage().contains("42"), e.getMessage());
  }

  @Test
  void aRowtimeThatIsNotALongIsABugNamedInTheError() {
    WindowAggSpec spec = spec(INPUT, WindowSpec.tumble(10_000), new int[] {1}, countStar());
    try (OperatorHarness h = new OperatorHarness(
        new WindowAggregateOperator(spec, InMemoryWindowStore.FACTORY))) {
      WeirException e = assertThrows(WeirException.class,
          () -> h.processElement("2024-01-01", "a", 1, null, null, null, null, null, null));
      assertEquals(WeirException.Kind.INTERNAL, e.kind());
      assertTrue(e.getMessage().contains("2024-01-01"), e.getMessage());
    }
  }
}
