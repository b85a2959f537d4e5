package io.weir.udf.testing;

import io.weir.udf.FunctionContext;
import io.weir.udf.ModelFunction;
import io.weir.udf.reflect.FunctionInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a {@link ModelFunction} the way the engine does: inspected, opened with a context, rows
 * scored in batches (each batch's result count checked), closed. {@link #checkBatchInvariant}
 * checks that results do not depend on how rows are batched — the engine batches by size and
 * time, so they must not. Not thread-safe.
 *
 * <pre>{@code
 * try (ModelTester<Request, Double> t = ModelTester.open(new AnomalyScore(), TestContext.of("anomaly_score"))) {
 *   List<Double> scores = t.checkBatchInvariant(requests, 1, 7, 256);
 * }
 * }</pre>
 */
public final class ModelTester<I, O> implements AutoCloseable {
  private final ModelFunction<I, O> function;

  private ModelTester(ModelFunction<I, O> function) {
    this.function = function;
  }

  public static <I, O> ModelTester<I, O> open(ModelFunction<I, O> f, FunctionContext context) {
    FunctionInspector.inspect(f.getClass());
    Instances.open(f, context);
    return new ModelTester<>(f);
  }

  /** Scores rows in one batch. */
  public List<O> predict(List<I> rows) {
    return predict(rows, Math.max(1, rows.size()));
  }

  /** Scores rows in batches of at most {@code batchSize}, in order. */
  public List<O> predict(List<I> rows, int batchSize) {
    List<O> out = new ArrayList<>(rows.size());
    for (int from = 0; from < rows.size(); from += batchSize) {
      List<I> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
      List<O> results;
      try {
        results = function.predict(batch);
      } catch (Exception e) {
        throw new AssertionError("predict failed on the batch starting at row " + from + ": " + e, e);
      }
      if (results == null || results.size() != batch.size()) {
        throw new AssertionError("predict returned " + (results == null ? "null" : results.size()
            + " results") + " for a batch of " + batch.size() + " rows");
      }
      out.addAll(results);
    }
    return out;
  }

  /**
   * Scores the rows with each batch size and checks that every run gives the same results;
   * returns them.
   */
  public List<O> checkBatchInvariant(List<I> rows, int... batchSizes) {
    List<O> first = null;
    for (int size : batchSizes) {
      List<O> got = predict(rows, size);
      if (first == null) {
        first = got;
        continue;
      }
      for (int i = 0; i < got.size(); i++) {
        if (!Objects.equals(first.get(i), got.get(i))) {
          throw new AssertionError("row " + i + " scores " + got.get(i) + " in batches of " + size
              + " but " + first.get(i) + " in batches of " + batchSizes[0]);
        }
      }
    }
    return first;
  }

  @Override
  public void close() {
    Instances.close(function);
  }
}
