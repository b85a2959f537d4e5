package io.weir.examples.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.examples.data.SensorSeries;
import io.weir.examples.data.WebTraffic;
import io.weir.udf.testing.AggregateTester;
import io.weir.udf.testing.ModelTester;
import io.weir.udf.testing.ScalarTester;
import io.weir.udf.testing.TestContext;
import io.weir.udf.testing.WindowTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example functions through the author's test kit, as a UDF author would test them: the
 * models load from the jar's resources, score in any batch size alike, and separate what they
 * were trained to separate.
 */
class ExampleFunctionsTest {

  @Test
  void anomalyScoreSeparatesAnomaliesAndDoesNotDependOnBatching() {
    WebTraffic traffic = new WebTraffic(99, 0.05, 300);
    List<AnomalyScore.Request> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      WebTraffic.Request r = traffic.next();
      rows.add(new AnomalyScore.Request(r.method(), r.path(), r.status(), r.latencyMs(), r.bytes()));
      labels.add(r.anomaly());
    }
    rows.add(new AnomalyScore.Request(null, null, null, null, null));
    try (ModelTester<AnomalyScore.Request, Double> t =
        ModelTester.open(new AnomalyScore(), TestContext.of("anomaly_score"))) {
      List<Double> scores = t.checkBatchInvariant(rows, 1, 7, 256, 2001);
      int right = 0;
      for (int i = 0; i < labels.size(); i++) {
        if ((scores.get(i) >= 0.5) == labels.get(i)) {
          right++;
        }
      }
      assertTrue(right > 1980, "accuracy on unseen traffic: " + right + " of 2000");
      double allNull = scores.get(2000);
      assertTrue(allNull >= 0 && allNull <= 1, "NULLs are missing values: " + allNull);
    }
  }

  @Test
  void predictNextBeatsTheLastValueOverHoppingWindows() throws Exception {
    SensorSeries s = new SensorSeries(5, 21.0, 1.0, 1_704_067_200_000L, 4.0);
    List<SensorSeries.Reading> readings = new ArrayList<>();
    for (int i = 0; i < 4 * 600; i++) {
      readings.add(s.next());
    }
    List<List<PredictNext.Reading>> windows = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    List<Double> last = new ArrayList<>();
    long start = readings.get(0).ts();
    for (long end = start + 10_000; end < readings.get(readings.size() - 1).ts() - 1000; end += 1000) {
      List<PredictNext.Reading> w = new ArrayList<>();
      double next = 0;
      int n = 0;
      for (SensorSeries.Reading r : readings) {
        if (r.ts() >= end - 10_000 && r.ts() < end) {
          w.add(new PredictNext.Reading(r.ts(), r.value()));
        } else if (r.ts() >= end && r.ts() < end + 1000) {
          next += r.value();
          n++;
        }
      }
      if (n > 0) {
        windows.add(w);
        actual.add(next / n);
        last.add(w.get(w.size() - 1).value());
      }
    }
    try (WindowTester<PredictNext.Reading, Double> t =
        WindowTester.open(new PredictNext(), TestContext.of("predict_next"))) {
      List<Double> one = t.applyAll(windows, 1);
      List<Double> all = t.applyAll(windows, 512);
      assertEquals(one, all, "one window per call or all at once: the same predictions");
      double se = 0;
      double naive = 0;
      for (int i = 0; i < all.size(); i++) {
        se += Math.pow(all.get(i) - actual.get(i), 2);
        naive += Math.pow(last.get(i) - actual.get(i), 2);
      }
      assertTrue(se < naive, "the model beats the last value: " + se + " vs " + naive);
    }
  }

  @Test
  void smallFunctionsThroughTheTestKit() {
    try (ScalarTester t = ScalarTester.of(ToFahrenheit.class)) {
      assertEquals(212.0, t.call(100.0));
      assertEquals("71F", t.call(21.5, "F"));
      assertNull(t.call(null, "F"));
    }
    assertEquals(2.375, AggregateTester.checkSliceable(new WeightedMean(), List.of(
        new WeightedMean.Input(1, 1), new WeightedMean.Input(3, 2), new WeightedMean.Input(2.5, 1))));
    try (WindowTester<Trend.Point, Double> t = WindowTester.open(new Trend(), TestContext.of("trend"))) {
      assertEquals(2.0, t.apply(List.of(new Trend.Point(0, 1), new Trend.Point(1000, 3),
          new Trend.Point(2000, 5))));
      assertEquals(0.0, t.apply(List.of(new Trend.Point(0, 7))));
    }
    TestContext ctx = TestContext.builder("risk_score").config("watch", "QQ").build();
    try (ModelTester<RiskScore.Payment, Double> t = ModelTester.open(new RiskScore(), ctx)) {
      assertEquals(List.of(0.25, 1.0, 0.75), t.predict(List.of(new RiskScore.Payment(250, "DE"),
          new RiskScore.Payment(5000, "DE"), new RiskScore.Payment(250, "QQ"))));
    }
  }
}
