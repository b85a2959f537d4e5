package io.weir.engine.testing;

import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.RowBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drives one {@link Operator} the way the runtime does, for tests (Flink's {@code
 * OneInputStreamOperatorTestHarness} is the model): rows in batches, watermarks in increasing
 * order, flush and close; it records what the operator emits (with the watermark current at the
 * time) and the rows it hands over as late, and gives the operator a real {@link
 * OperatorContext}: fresh {@link QueryMetrics} and a temporary state directory of its own.
 *
 * <pre>{@code
 * try (OperatorHarness h = new OperatorHarness(new WindowAggregateOperator(spec, factory))) {
 *   h.processElement(1_000L, "a", 5);
 *   h.processWatermark(9_999);
 *   assertEquals(List.of(...), h.outputRows());
 * }
 * }</pre>
 *
 * <p>The constructor opens the operator. Like the runtime, the harness counts {@code rowsIn},
 * {@code rowsOut} and {@code lateRows} in its metrics and publishes the watermark there; it
 * rejects a watermark that goes backwards (the runtime never sends one). One thread; not
 * thread-safe. {@link #close} closes the operator and deletes the temporary directory.
 */
public final class OperatorHarness implements AutoCloseable {

  /** One emitted row and the watermark that was current when it was emitted. */
  public record Emitted(Object[] row, long watermark) {
    @Override
    public String toString() {
      return Arrays.deepToString(row) + "@" + watermark;
    }
  }

  private final Operator operator;
  private final QueryMetrics metrics = new QueryMetrics();
  private final Path tempRoot;
  private final Path stateDirectory;
  private final List<Emitted> output = new ArrayList<>();
  private final List<Object[]> lateRows = new ArrayList<>();
  private final RowBatch batch = new RowBatch(1024);
  private final String operatorId;
  private long watermark = Long.MIN_VALUE;
  private boolean closed;

  /** Opens {@code operator} with operator id {@code "0-test"}. */
  public OperatorHarness(Operator operator) {
    this(operator, "0-test");
  }

  public OperatorHarness(Operator operator, String operatorId) {
    this.operator = operator;
    this.operatorId = operatorId;
    try {
      this.tempRoot = Files.createTempDirectory("weir-harness-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.stateDirectory = tempRoot.resolve(operatorId);
    try {
      Files.createDirectories(stateDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    operator.open(new Context());
  }

  /** Feeds one row as a batch of one. */
  public OperatorHarness processElement(Object... row) {
    List<Object[]> one = new ArrayList<>(1);
    one.add(row);
    return processBatch(one);
  }

  /** Feeds the rows as one batch. */
  public OperatorHarness processBatch(List<Object[]> rows) {
    checkOpen();
    batch.clear();
    for (Object[] row : rows) {
      batch.add(row);
    }
    metrics.rowsIn.add(rows.size());
    operator.processBatch(batch, this::collect);
    batch.clear();
    return this;
  }

  /** Advances event time; the operator fires what becomes complete. */
  public OperatorHarness processWatermark(long wm) {
    checkOpen();
    if (wm < watermark) {
      throw new IllegalArgumentException("watermark " + wm + " goes back from " + watermark);
    }
    watermark = wm;
    metrics.watermark.set(wm);
    operator.onWatermark(wm, this::collect);
    return this;
  }

  /** What the runtime does before a commit. */
  public OperatorHarness flush() {
    checkOpen();
    operator.flush();
    return this;
  }

  /** Everything emitted since the start or the last {@link #clearOutput}, in order. */
  public List<Emitted> output() {
    return List.copyOf(output);
  }

  /** The rows of {@link #output()}. */
  public List<Object[]> outputRows() {
    List<Object[]> rows = new ArrayList<>(output.size());
    for (Emitted e : output) {
      rows.add(e.row());
    }
    return rows;
  }

  /** Rows the operator handed over as late, in order. */
  public List<Object[]> lateRows() {
    return List.copyOf(lateRows);
  }

  /** Forgets the output and late rows recorded so far (metrics keep counting). */
  public OperatorHarness clearOutput() {
    output.clear();
    lateRows.clear();
    return this;
  }

  public Operator operator() {
    return operator;
  }

  public QueryMetrics metrics() {
    return metrics;
  }

  public Path stateDirectory() {
    return stateDirectory;
  }

  public long currentWatermark() {
    return watermark;
  }

  /** Closes the operator, then deletes the temporary directory. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      operator.close();
    } finally {
      deleteRecursively(tempRoot);
    }
  }

  private void collect(Object[] row) {
    metrics.rowsOut.increment();
    output.add(new Emitted(row, watermark));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("harness is closed");
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Context implements OperatorContext {
    @Override
    public String queryId() {
      return "test-query";
    }

    @Override
    public String operatorId() {
      return operatorId;
    }

    @Override
    public QueryMetrics metrics() {
      return metrics;
    }

    @Override
    public Path stateDirectory() {
      return stateDirectory;
    }

    @Override
    public void lateRow(Object[] row) {
      metrics.lateRows.increment();
      lateRows.add(row);
    }
  }
}
