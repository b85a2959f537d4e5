package io.weir.udf;

/**
 * A user-defined aggregate: {@code I} values in, one {@code O} out per group and window, through
 * an accumulator {@code A}.
 *
 * <p><b>Types.</b> {@code I} is one SQL-mappable type (see {@link SqlType}) for a one-argument
 * aggregate, or a {@code record} whose components are the arguments in order, e.g. {@code record
 * Input(double value, double weight)} for {@code weighted_avg(price, qty)}. {@code O} is the
 * result's type. {@code A} must be a mappable type or {@link java.io.Serializable}: the engine
 * stores accumulators in its state store between batches.
 *
 * <p><b>Call order.</b> For each (key, slice of a window) the engine calls {@link #initialize}
 * once, then {@link #add} per row (rows with a NULL argument included: {@code I} receives null
 * for a boxed parameter, and a row whose record has a primitive component that would receive
 * NULL is skipped). When a window fires, the accumulators of its slices are combined with
 * {@link #merge} into a fresh {@link #initialize}d accumulator and {@link #result} is called.
 * A HOP window's slice belongs to several windows, so the same accumulator is merged several
 * times: {@code merge(a, b)} may change and return {@code a} but must not change {@code b}, and
 * {@code result} must not change its argument. Accumulators may be serialized and deserialized
 * between any two calls.
 *
 * <p><b>Threading.</b> One instance per query, called by the query's task thread only.
 *
 * <p><b>Failures.</b> An exception fails the query, naming the function and the value.
 *
 * @param <I> input: one value or a record of the arguments
 * @param <A> accumulator
 * @param <O> result
 */
public interface AggregateFunction<I, A, O> {

  /** A new, empty accumulator. */
  A initialize();

  /** Adds one input to the accumulator; returns it (or a new one). */
  A add(I input, A accumulator);

  /** Combines two accumulators: may change and return {@code a}; must not change {@code b}. */
  A merge(A a, A b);

  /** The result for everything the accumulator saw; must not change it. */
  O result(A accumulator);
}
