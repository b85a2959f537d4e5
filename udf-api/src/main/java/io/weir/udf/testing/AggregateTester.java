package io.weir.udf.testing;

import io.weir.udf.AggregateFunction;
import io.weir.udf.reflect.FunctionInspector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.List;
import java.util.Objects;

/**
 * Runs an {@link AggregateFunction} the way a window aggregation does: rows added to slices,
 * slices serialized and read back (the state store), merged into a fresh accumulator, and the
 * result read — and checks that every way of slicing the input gives the same result. Stateless.
 *
 * <pre>{@code
 * assertEquals(2.5, AggregateTester.checkSliceable(new WeightedAvg(), inputs));
 * }</pre>
 */
public final class AggregateTester {
  private AggregateTester() {}

  /** The result of adding every input, in order, to one accumulator. */
  public static <I, A, O> O aggregate(AggregateFunction<I, A, O> f, List<I> inputs) {
    A acc = f.initialize();
    for (I in : inputs) {
      acc = f.add(in, acc);
    }
    return f.result(acc);
  }

  /**
   * Checks that the function can be used by the engine (inspection with the engine's type
   * mapping) and that cutting the input into two slices at every position — each slice's
   * accumulator serialized and read back, both merged into a fresh one, each merged twice as
   * overlapping HOP windows do — gives the result of {@link #aggregate}. Returns that result.
   *
   * @throws AssertionError naming the cut where the results differ
   */
  public static <I, A, O> O checkSliceable(AggregateFunction<I, A, O> f, List<I> inputs) {
    FunctionInspector.inspect(f.getClass());
    O expected = aggregate(f, inputs);
    for (int cut = 0; cut <= inputs.size(); cut++) {
      A left = f.initialize();
      for (I in : inputs.subList(0, cut)) {
        left = f.add(in, left);
      }
      A right = f.initialize();
      for (I in : inputs.subList(cut, inputs.size())) {
        right = f.add(in, right);
      }
      left = roundTrip(left, f.getClass().getClassLoader());
      right = roundTrip(right, f.getClass().getClassLoader());
      for (int pass = 0; pass < 2; pass++) {
        A merged = f.merge(f.merge(f.initialize(), left), right);
        O got = f.result(merged);
        if (!Objects.equals(expected, got)) {
          throw new AssertionError("slicing the input at " + cut + " of " + inputs.size()
              + " (pass " + (pass + 1) + ") gives " + got + " instead of " + expected
              + "; merge(a, b) must not change b, and result(a) must not change a");
        }
      }
    }
    return expected;
  }

  /** The accumulator after Java serialization and back, as the engine's state store does it. */
  @SuppressWarnings("unchecked")
  static <A> A roundTrip(A acc, ClassLoader loader) {
    if (acc == null) {
      return null;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(acc);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
          try {
            return Class.forName(desc.getName(), false, loader);
          } catch (ClassNotFoundException e) {
            return super.resolveClass(desc);
          }
        }
      }) {
        return (A) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("the accumulator " + acc.getClass().getName()
          + " does not survive serialization: " + e, e);
    }
  }
}
