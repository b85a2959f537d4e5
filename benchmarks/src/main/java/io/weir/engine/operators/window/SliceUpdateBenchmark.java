package io.weir.engine.operators.window;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.graph.AggCallSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.Output;
import io.weir.engine.operators.RowBatch;
import io.weir.engine.state.memory.InMemoryWindowStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The window operator's per-row and per-window costs, in nanoseconds per row:
 *
 * <ul>
 *   <li>{@code sliceUpdate}: rows into one slice of a TUMBLE(10 s) COUNT(*), SUM(price) by
 *       auction (key lookup, accumulator update), over {@code keys} distinct keys;
 *   <li>{@code hop60Slide}: one second of rows (one slice) into HOP(1 s, 60 s) COUNT(*), then the
 *       watermark that fires the window: the issue's {@code hop60} workload per slide, the running
 *       window's fold and evict and the emission included.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SliceUpdateBenchmark {
  static final int BATCH = 1024;
  static final int SLIDE_ROWS = 10_000;
  static final DataType BIGINT = DataType.of(Kind.BIGINT);
  static final DataType TS = DataType.of(Kind.TIMESTAMP_LTZ);
  static final Schema INPUT = Schema.of(new Field("ts", TS), new Field("auction", BIGINT),
      new Field("price", BIGINT));

  @Param({"100", "10000", "1000000"})
  public int keys;

  private Path dir;
  private WindowAggregateOperator tumble;
  private RowBatch batch;
  private WindowAggregateOperator hop;
  private RowBatch[] slide;
  private long hopTime;
  private final Output discard = row -> { };

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("weir-jmh-window-");
    AggCallSpec count = new AggCallSpec(AggCallSpec.Kind.COUNT, -1, false, BIGINT.notNull(), "c");
    AggCallSpec sum = new AggCallSpec(AggCallSpec.Kind.SUM, 2, false, BIGINT, "s");
    tumble = open(new WindowAggSpec(WindowSpec.tumble(10_000), 0, new int[] {1},
        List.of(count, sum), INPUT, null));
    SplittableRandom r = new SplittableRandom(11);
    batch = new RowBatch(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(new Object[] {5_000L, (long) r.nextInt(keys), (long) r.nextInt(100_000)});
    }
    // Every key once, so the slice holds them all before measuring.
    RowBatch all = new RowBatch(BATCH);
    for (int k = 0; k < keys; k++) {
      all.add(new Object[] {5_000L, (long) k, 1L});
      if (all.size() == BATCH || k == keys - 1) {
        tumble.processBatch(all, discard);
        all.clear();
      }
    }
    hop = open(new WindowAggSpec(WindowSpec.hop(1_000, 60_000), 0, new int[] {1},
        List.of(count), INPUT, null));
    int hopKeys = Math.min(keys, 100_000);
    slide = new RowBatch[SLIDE_ROWS / 1000];
    for (int b = 0; b < slide.length; b++) {
      slide[b] = new RowBatch(1000);
      for (int i = 0; i < 1000; i++) {
        slide[b].add(new Object[] {0L, (long) r.nextInt(hopKeys), 1L});
      }
    }
    // Fill a full window first so every slide evicts a slice as it adds one.
    for (int s = 0; s < 61; s++) {
      hop60Slide(null);
    }
  }

  private WindowAggregateOperator open(WindowAggSpec spec) {
    WindowAggregateOperator op = new WindowAggregateOperator(spec, InMemoryWindowStore.FACTORY);
    op.open(new Context(dir));
    return op;
  }

  @TearDown
  public void tearDown() throws IOException {
    tumble.close();
    hop.close();
    io.weir.benchmarks.Scratch.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void sliceUpdate() {
    tumble.processBatch(batch, discard);
  }

  @Benchmark
  @OperationsPerInvocation(SLIDE_ROWS)
  public void hop60Slide(Blackhole bh) {
    long ts = hopTime;
    for (RowBatch b : slide) {
      for (int i = 0; i < b.size(); i++) {
        b.get(i)[0] = ts + (i % 1000);
      }
      hop.processBatch(b, discard);
    }
    hopTime += 1_000;
    hop.onWatermark(hopTime - 1, bh == null ? discard : bh::consume);
  }

  /** What the runtime gives an operator, reduced to what a benchmark needs. */
  record Context(Path dir) implements OperatorContext {
    private static final QueryMetrics METRICS = new QueryMetrics();

    @Override
    public String queryId() {
      return "jmh";
    }

    @Override
    public String operatorId() {
      return "0-window";
    }

    @Override
    public QueryMetrics metrics() {
      return METRICS;
    }

    @Override
    public Path stateDirectory() {
      return dir;
    }

    @Override
    public void lateRow(Object[] row) {
      throw new IllegalStateException("no row is late in this benchmark");
    }
  }
}
