package io.weir.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WatermarkSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.metrics.QueryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Watermarks per split, the minimum across splits, idleness, lateness and batch cutting. */
class SourceDriverTest {
  static final Schema SCHEMA = Schema.of(new Field("ts", DataType.of(DataType.Kind.TIMESTAMP)),
      new Field("k", DataType.of(DataType.Kind.STRING)));

  final QueryMetrics metrics = new QueryMetrics();
  final List<Long> watermarks = new ArrayList<>();
  final List<Integer> batchSizes = new ArrayList<>();

  SourceDriver driver(long delay, WindowSpec window, long idleTimeout, int batchSize) {
    SourceSpec spec = new SourceSpec("t", Map.of("connector", "test"), SCHEMA, SCHEMA, null,
        new WatermarkSpec(0, delay, "ts - " + delay), window, null);
    return new SourceDriver(spec, metrics, null, null, false, null, idleTimeout, window,
        batchSize, null, (batch, wm) -> {
          batchSizes.add(batch.size());
          watermarks.add(wm);
        });
  }

  @Test
  void watermarkIsTheMinimumOverSplits() {
    SourceDriver d = driver(1000, null, 0, 100);
    d.beforePoll(2);
    d.row(0, new Object[] {10_000L, "a"}, null);
    assertEquals(Long.MIN_VALUE, d.watermark(), "split 0 alone: split 1 unseen holds nothing yet");
    d.afterPoll(2, 1);
    assertEquals(Long.MIN_VALUE, d.watermark(), "split 1 has no records: it holds time back");
    d.row(1, new Object[] {5_000L, "b"}, null);
    assertEquals(4_000L, d.watermark());
    d.row(1, new Object[] {20_000L, "b"}, null);
    assertEquals(9_000L, d.watermark(), "now split 0 is the slowest");
    d.row(0, new Object[] {8_000L, "a"}, null);
    assertEquals(9_000L, d.watermark(), "out-of-order rows never move a watermark back");
  }

  @Test
  void anIdleSplitStopsHoldingBackTime() {
    SourceDriver d = driver(0, null, 100, 100);
    d.row(0, new Object[] {1_000L, "a"}, null);
    d.row(1, new Object[] {2_000L, "b"}, null);
    d.afterPoll(2, 1_000);
    assertEquals(1_000L, d.watermark());
    d.row(1, new Object[] {9_000L, "b"}, null);
    d.afterPoll(2, 1_050);
    assertEquals(1_000L, d.watermark(), "split 0 is quiet but not yet idle");
    d.row(1, new Object[] {9_500L, "b"}, null);
    d.afterPoll(2, 1_200);
    assertEquals(9_500L, d.watermark(), "split 0 idle for 200 ms > 100 ms: ignored");
    d.row(0, new Object[] {3_000L, "a"}, null);
    assertEquals(9_500L, d.watermark(), "a split back from idleness never moves time back");
    d.afterPoll(2, 1_400);
    assertEquals(9_500L, d.watermark(), "when every split is idle, time stands still");
  }

  @Test
  void lateRowsAreCountedAndNotPassedOn() {
    SourceDriver d = driver(0, WindowSpec.tumble(10_000), 0, 100);
    d.row(0, new Object[] {1_000L, "a"}, null);
    d.row(0, new Object[] {10_000L, "a"}, null); // watermark 10000: [0,10000) is complete
    d.row(0, new Object[] {9_999L, "late"}, null);
    d.row(0, new Object[] {10_001L, "fine"}, null);
    d.flush();
    assertEquals(1, metrics.lateRows.sum());
    assertEquals(4, metrics.rowsIn.sum());
    assertEquals(3, batchSizes.stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void batchesAreCutWhenAWindowBecomesComplete() {
    SourceDriver d = driver(0, WindowSpec.tumble(10_000), 0, 1000);
    d.row(0, new Object[] {1_000L, "a"}, null); // first row: nothing known yet, cut
    batchSizes.clear();
    watermarks.clear();
    d.row(0, new Object[] {2_000L, "a"}, null);
    d.row(0, new Object[] {5_000L, "a"}, null);
    assertEquals(List.of(), batchSizes, "no window complete yet: rows stay in the batch");
    d.row(0, new Object[] {9_999L, "a"}, null); // watermark 9999 = end - 1: [0,10000) fires
    assertEquals(List.of(3), batchSizes);
    assertEquals(List.of(9_999L), watermarks);
    d.row(0, new Object[] {12_000L, "a"}, null);
    d.row(0, new Object[] {15_000L, "a"}, null);
    assertEquals(List.of(3), batchSizes, "the next window ends at 20000");
  }
}
