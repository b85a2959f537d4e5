package io.weir.engine.udf;

import io.weir.udf.Lifecycle;
import io.weir.udf.ModelFunction;
import io.weir.udf.WindowFunction;
import io.weir.udf.reflect.FunctionKind;
import io.weir.udf.reflect.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One opened instance of a model or window function, called with a batch of inputs built by
 * {@link #input} from engine values: for a model, from one argument tuple ({@code Object[]}) per
 * row; for a window function, from one {@code List<Object[]>} of tuples per window, in event-time
 * order. Returns one engine value per input. Inputs with a NULL for a primitive argument get NULL
 * without being passed (a window left empty by them too).
 *
 * <p><b>Threading.</b> {@link #input} from any thread; {@link #call} from one thread at a time
 * (the engine keeps one instance per worker); the
 * context class loader is set to the function's jar around every call. <b>Failures.</b> Whatever
 * the function throws passes through, as does a wrong number of results ({@link
 * IllegalStateException}); the caller applies the query's error policy.
 */
public final class BatchFunction implements AutoCloseable {
  private final String function;
  private final FunctionKind kind;
  private final Object instance;
  private final InputBuilder input;
  private final Function<Object, Object> result;
  private final ClassLoader loader;

  BatchFunction(String function, FunctionKind kind, Signature s, Object instance, ClassLoader loader) {
    this.function = function;
    this.kind = kind;
    this.instance = instance;
    this.input = new InputBuilder(s);
    this.result = Converters.toEngine(s.returnType());
    this.loader = loader;
  }

  public String function() {
    return function;
  }

  /**
   * The function's input for one row's argument tuple (a model) or one window's tuples in
   * event-time order (a window function): the input record or value, or a marker that {@link
   * #call} answers with NULL without passing it (a NULL for a primitive argument; a window left
   * empty by such rows). The scoring operator builds inputs on its own thread, where the row's
   * values were just made, and hands only the inputs to the worker. Thread-safe.
   *
   * @throws Throwable what an argument's conversion or the input record's constructor throws
   */
  @SuppressWarnings("unchecked")
  public Object input(Object arguments) throws Throwable {
    return kind == FunctionKind.MODEL ? input.build((Object[]) arguments)
        : window((List<Object[]>) arguments);
  }

  /**
   * A model's input for the argument columns {@code columns} of {@code row}: {@link #input} of
   * that tuple, without making the tuple (the scoring operator calls this for every row).
   */
  public Object input(Object[] row, int[] columns) throws Throwable {
    if (kind != FunctionKind.MODEL) {
      throw new IllegalStateException("function '" + function + "' is not a model");
    }
    return input.build(row, columns);
  }

  /** One engine value per input (from {@link #input}); see the class comment. */
  @SuppressWarnings("unchecked")
  public List<Object> call(List<?> inputs) throws Throwable {
    int n = inputs.size();
    List<Object> built = new ArrayList<>(n); // the function's own list, whatever it does to it
    int[] position = new int[n];
    for (int i = 0; i < n; i++) {
      Object in = inputs.get(i);
      if (in == InputBuilder.SKIP) {
        position[i] = -1;
      } else {
        position[i] = built.size();
        // A window's rows are copied too: a retry of this input must see them unchanged.
        built.add(kind == FunctionKind.MODEL ? in : new ArrayList<>((List<?>) in));
      }
    }
    int called = built.size();
    List<?> out = called == 0 ? List.of() : UserCode.with(loader, () -> kind == FunctionKind.MODEL
        ? ((ModelFunction<Object, Object>) instance).predict(built)
        : ((WindowFunction<Object, Object>) instance).applyAll((List<List<Object>>) (List<?>) built));
    if (out == null || out.size() != called) {
      throw new IllegalStateException("function '" + function + "' returned "
          + (out == null ? "null" : out.size() + " results") + " for " + called
          + (kind == FunctionKind.MODEL ? " rows" : " windows") + "; it must return one per input");
    }
    List<Object> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (position[i] < 0) {
        results.add(null);
        continue;
      }
      Object r = out.get(position[i]);
      try {
        results.add(result.apply(r));
      } catch (ClassCastException e) {
        throw new IllegalStateException("function '" + function + "' returned " + Converters.show(r)
            + " (" + r.getClass().getName() + "), which does not fit its declared result type");
      }
    }
    return results;
  }

  private Object window(List<Object[]> rows) throws Throwable {
    List<Object> in = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object v = input.build(r);
      if (v != InputBuilder.SKIP) {
        in.add(v);
      }
    }
    return in.isEmpty() ? InputBuilder.SKIP : in;
  }

  /** Closes the instance (with the jar's context class loader); errors are returned, not thrown. */
  @Override
  public void close() {
    if (instance instanceof Lifecycle l) {
      try {
        UserCode.with(loader, () -> {
          l.close();
          return null;
        });
      } catch (Throwable e) {
        UserCode.rethrowFatal(e);
        org.slf4j.LoggerFactory.getLogger(BatchFunction.class)
            .warn("close() of function '{}' failed: {}", function, UserCode.describe(e));
      }
    }
  }
}
