package io.weir.udf;

/**
 * An {@link AggregateFunction} that can also take an input back out of its accumulator, for
 * aggregations over updating input. Window aggregation never retracts; the engine calls {@link
 * #retract} only where rows are withdrawn. Same types, threading and failure behaviour.
 */
public interface RetractableAggregateFunction<I, A, O> extends AggregateFunction<I, A, O> {

  /** Removes one earlier-added input from the accumulator; returns it (or a new one). */
  A retract(I input, A accumulator);
}
