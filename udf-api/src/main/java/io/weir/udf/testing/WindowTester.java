package io.weir.udf.testing;

import io.weir.udf.FunctionContext;
import io.weir.udf.WindowFunction;
import io.weir.udf.reflect.FunctionInspector;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link WindowFunction} the way the engine does: inspected, opened with a context,
 * windows scored in batches through {@link WindowFunction#applyAll} (whose result count is
 * checked), closed. Not thread-safe.
 *
 * <pre>{@code
 * try (WindowTester<Reading, Double> t = WindowTester.open(new NextValue(), TestContext.of("predict_next"))) {
 *   double next = t.apply(readings);
 * }
 * }</pre>
 */
public final class WindowTester<I, O> implements AutoCloseable {
  private final WindowFunction<I, O> function;

  private WindowTester(WindowFunction<I, O> function) {
    this.function = function;
  }

  public static <I, O> WindowTester<I, O> open(WindowFunction<I, O> f, FunctionContext context) {
    FunctionInspector.inspect(f.getClass());
    Instances.open(f, context);
    return new WindowTester<>(f);
  }

  /** The result for one window (through {@code applyAll}, as the engine calls it). */
  public O apply(List<I> rows) {
    return applyAll(List.of(rows)).get(0);
  }

  /**
   * One result per window, scored in batches of at most {@code batchSize} windows; checks that
   * each batch gives exactly one result per window.
   */
  public List<O> applyAll(List<List<I>> windows, int batchSize) {
    List<O> out = new ArrayList<>(windows.size());
    for (int from = 0; from < windows.size(); from += batchSize) {
      List<List<I>> batch = windows.subList(from, Math.min(windows.size(), from + batchSize));
      for (List<I> w : batch) {
        if (w.isEmpty()) {
          throw new AssertionError("the engine never passes an empty window");
        }
      }
      List<O> results;
      try {
        results = function.applyAll(batch);
      } catch (Exception e) {
        throw new AssertionError("applyAll failed: " + e, e);
      }
      if (results == null || results.size() != batch.size()) {
        throw new AssertionError("applyAll returned " + (results == null ? "null" : results.size()
            + " results") + " for " + batch.size() + " windows");
      }
      out.addAll(results);
    }
    return out;
  }

  public List<O> applyAll(List<List<I>> windows) {
    return applyAll(windows, Math.max(1, windows.size()));
  }

  @Override
  public void close() {
    Instances.close(function);
  }
}
