package io.weir.examples.udf;

import io.weir.udf.FunctionContext;
import io.weir.udf.ModelFunction;
import io.weir.udf.UdfDescription;
import io.weir.udf.UdfParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code risk_score(amount, country)}: a tiny rule "model" — amount / 1000 capped at 1, plus
 * 0.5 for a country on the watch list (config {@code watch}, default {@code XX,ZZ}), capped at
 * 1 — to show a model function's shape and configuration without a model file.
 */
@UdfDescription(name = "risk_score", description = "Rule-based risk of a payment, 0..1.")
public final class RiskScore implements ModelFunction<RiskScore.Payment, Double> {

  /** One payment. */
  public record Payment(@UdfParameter("amount") double amount, @UdfParameter("country") String country) {}

  private final Set<String> watch = new HashSet<>();

  @Override
  public void open(FunctionContext ctx) {
    for (String c : ctx.config("watch", "XX,ZZ").split(",")) {
      watch.add(c.trim());
    }
  }

  @Override
  public List<Double> predict(List<Payment> batch) {
    List<Double> out = new ArrayList<>(batch.size());
    for (Payment p : batch) {
      double r = Math.min(1.0, p.amount() / 1000) + (watch.contains(p.country()) ? 0.5 : 0);
      out.add(Math.min(1.0, r));
    }
    return out;
  }
}
