package io.weir.examples.udf;

import io.weir.udf.AggregateFunction;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;

/** {@code weighted_mean(value, weight)}: an aggregate with a two-argument input record. */
@UdfDescription(name = "weighted_mean", description = "Sum of value * weight over the sum of "
    + "weights; NULL when the weights sum to 0. Rows with a NULL value or weight are skipped.")
public final class WeightedMean implements AggregateFunction<WeightedMean.Input, double[], Double> {

  /** One row's arguments (primitive: a NULL skips the row). */
  public record Input(@UdfParameter("value") double value, @UdfParameter("weight") double weight) {}

  @Override
  public double[] initialize() {
    return new double[2];
  }

  @Override
  public double[] add(Input in, double[] acc) {
    acc[0] += in.value() * in.weight();
    acc[1] += in.weight();
    return acc;
  }

  @Override
  public double[] merge(double[] a, double[] b) {
    a[0] += b[0];
    a[1] += b[1];
    return a;
  }

  @Override
  public Double result(double[] acc) {
    return acc[1] == 0 ? null : acc[0] / acc[1];
  }
}
