package io.weir.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.udf.testing.AggregateTester;
import io.weir.udf.testing.ModelTester;
import io.weir.udf.testing.ScalarTester;
import io.weir.udf.testing.TestContext;
import io.weir.udf.testing.WindowTester;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestKitTest {

  public static final class Scale implements Lifecycle {
    private double factor;

    @Override
    public void open(FunctionContext ctx) {
      factor = Double.parseDouble(ctx.config("factor", "2"));
      ctx.metrics().counter("opened").inc();
    }

    @Udf public double scale(double x) { return x * factor; }
    @Udf public String scale(String s) { return s + "x" + factor; }
  }

  public static final class Twice {
    @Udf public static long twice(long x) { return 2 * x; }
  }

  @Test
  void scalarTesterOpensChoosesOverloadsAndGivesNullForNullPrimitives() {
    TestContext ctx = TestContext.builder("scale").config("factor", "3").build();
    try (ScalarTester t = ScalarTester.of(Scale.class, ctx)) {
      assertEquals(6.0, t.call(2.0));
      assertEquals("ax3.0", t.call("a"));
      assertThrows(AssertionError.class, () -> t.call(1));
      assertThrows(AssertionError.class, () -> t.call((Object) null), "ambiguous");
    }
    try (ScalarTester t = ScalarTester.of(Twice.class)) {
      assertNull(t.call((Object) null));
      assertEquals(8L, t.call(4L));
    }
    assertEquals(1, ctx.counter("opened"));
  }

  public record Sale(double price, long qty) {}

  public static final class Revenue implements AggregateFunction<Sale, double[], Double> {
    public double[] initialize() { return new double[1]; }
    public double[] add(Sale s, double[] acc) { acc[0] += s.price() * s.qty(); return acc; }
    public double[] merge(double[] a, double[] b) { a[0] += b[0]; return a; }
    public Double result(double[] acc) { return acc[0]; }
  }

  /** Breaks the contract: merge changes its second argument. */
  public static final class Sloppy implements AggregateFunction<Long, long[], Long> {
    public long[] initialize() { return new long[1]; }
    public long[] add(Long v, long[] acc) { acc[0] += v; return acc; }
    public long[] merge(long[] a, long[] b) { b[0] += a[0]; return b; }
    public Long result(long[] acc) { return acc[0]; }
  }

  @Test
  void aggregateTesterChecksEverySlicing() {
    List<Sale> sales = List.of(new Sale(1.5, 2), new Sale(2.0, 1), new Sale(0.5, 4));
    assertEquals(7.0, AggregateTester.checkSliceable(new Revenue(), sales));
    AssertionError e = assertThrows(AssertionError.class,
        () -> AggregateTester.checkSliceable(new Sloppy(), List.of(1L, 2L, 3L)));
    assertTrue(e.getMessage().contains("must not change b"), e.getMessage());
  }

  public static final class Last implements WindowFunction<Double, Double> {
    public Double apply(List<Double> rows) { return rows.get(rows.size() - 1); }
  }

  public static final class Doubler implements ModelFunction<Double, Double> {
    private String label;

    @Override
    public void open(FunctionContext ctx) throws Exception {
      label = new String(ctx.readResource("label.txt"), StandardCharsets.UTF_8);
    }

    public List<Double> predict(List<Double> batch) {
      List<Double> out = new ArrayList<>();
      for (Double d : batch) {
        out.add(d * 2);
      }
      return out;
    }
  }

  public static final class BatchDependent implements ModelFunction<Double, Double> {
    public List<Double> predict(List<Double> batch) {
      List<Double> out = new ArrayList<>();
      for (Double d : batch) {
        out.add(d + batch.size());
      }
      return out;
    }
  }

  @Test
  void windowAndModelTestersCheckResultCountsAndBatchInvariance() {
    try (WindowTester<Double, Double> t = WindowTester.open(new Last(), TestContext.of("last"))) {
      assertEquals(3.0, t.apply(List.of(1.0, 2.0, 3.0)));
      assertEquals(List.of(2.0, 5.0), t.applyAll(List.of(List.of(2.0), List.of(4.0, 5.0)), 1));
    }
    TestContext ctx = TestContext.builder("doubler").resource("label.txt", "x".getBytes()).build();
    List<Double> rows = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    try (ModelTester<Double, Double> t = ModelTester.open(new Doubler(), ctx)) {
      assertEquals(List.of(2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0), t.checkBatchInvariant(rows, 1, 3, 256));
    }
    try (ModelTester<Double, Double> t = ModelTester.open(new BatchDependent(), TestContext.of("b"))) {
      assertThrows(AssertionError.class, () -> t.checkBatchInvariant(rows, 1, 7));
    }
    AssertionError noResource = assertThrows(AssertionError.class,
        () -> ModelTester.open(new Doubler(), TestContext.of("doubler")));
    assertTrue(noResource.getMessage().contains("label.txt"), noResource.getMessage());
  }
}
