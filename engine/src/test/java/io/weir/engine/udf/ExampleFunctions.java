package io.weir.engine.udf;

import java.nio.file.Path;

/** Sources of small user functions of every kind, compiled into a real jar by {@link TestJars}. */
public final class ExampleFunctions {
  private ExampleFunctions() {}

  public static final String SCALAR = """
      package com.example.udf;

      import io.weir.udf.*;

      @UdfDescription(name = "shout", description = "Upper-cases text; scales numbers.")
      public class Text implements Lifecycle {
        private double offset;

        @Override
        public void open(FunctionContext ctx) {
          offset = Double.parseDouble(ctx.config("offset", "0"));
        }

        @Udf(description = "upper case with a bang")
        public String shout(String s) {
          return s == null ? null : s.toUpperCase() + "!";
        }

        @Udf(description = "x times factor plus the configured offset")
        public double shout(double x, @UdfParameter(value = "factor", description = "multiplier") int f) {
          return x * f + offset;
        }

      }
      """;

  public static final String STATIC_SCALAR = """
      package com.example.udf;

      import io.weir.udf.*;

      public final class Days {
        private Days() {}

        @Udf(description = "whole days since the epoch")
        public static long days(@UdfParameter(value = "ts", type = "TIMESTAMP(3)") long millis) {
          return millis / 86_400_000L;
        }
      }
      """;

  public static final String FAILING_SCALAR = """
      package com.example.udf;

      import io.weir.udf.*;

      public class Failing {
        @Udf
        public String fail(String s) {
          throw new UdfException("cannot shout '" + s + "'");
        }
      }
      """;

  public static final String AGGREGATE = """
      package com.example.udf;

      import io.weir.udf.*;

      @UdfDescription(description = "Weighted mean of value by weight.")
      public class WeightedAvg implements AggregateFunction<WeightedAvg.In, double[], Double> {
        public record In(double value, double weight) {}

        public double[] initialize() { return new double[2]; }
        public double[] add(In in, double[] acc) { acc[0] += in.value() * in.weight(); acc[1] += in.weight(); return acc; }
        public double[] merge(double[] a, double[] b) { a[0] += b[0]; a[1] += b[1]; return a; }
        public Double result(double[] acc) { return acc[1] == 0 ? null : acc[0] / acc[1]; }
      }
      """;

  public static final String WINDOW = """
      package com.example.udf;

      import io.weir.udf.*;
      import java.util.*;

      @UdfDescription(description = "The window's values in event-time order, joined.")
      public class Sequence implements WindowFunction<Sequence.Point, String> {
        public record Point(@UdfParameter(type = "TIMESTAMP(3)") long ts, double v) {}

        public String apply(List<Point> rows) {
          StringBuilder sb = new StringBuilder();
          long last = Long.MIN_VALUE;
          for (Point p : rows) {
            if (p.ts() < last) throw new IllegalStateException("rows out of event-time order");
            last = p.ts();
            if (sb.length() > 0) sb.append(',');
            sb.append(p.v());
          }
          return sb.toString();
        }
      }
      """;

  /**
   * A model: 2 x. Config: {@code fail-on} (a value it throws on), {@code slow-on} (a value it
   * sleeps 10 s on, interruptibly), {@code sleep-ms} (per call).
   */
  public static final String MODEL = """
      package com.example.udf;

      import io.weir.udf.*;
      import java.util.*;

      @UdfDescription(description = "Twice x, in batches.")
      public class Doubler implements ModelFunction<Double, Double> {
        private double failOn = Double.NaN;
        private double slowOn = Double.NaN;
        private long sleepMs;
        private int jitterMs;
        private MetricGroup.Counter batches;

        @Override
        public void open(FunctionContext ctx) {
          failOn = Double.parseDouble(ctx.config("fail-on", "NaN"));
          slowOn = Double.parseDouble(ctx.config("slow-on", "NaN"));
          sleepMs = Long.parseLong(ctx.config("sleep-ms", "0"));
          jitterMs = Integer.parseInt(ctx.config("jitter-ms", "0"));
          batches = ctx.metrics().counter("batches");
        }

        public List<Double> predict(List<Double> batch) throws Exception {
          batches.inc();
          if (sleepMs > 0) Thread.sleep(sleepMs);
          if (jitterMs > 0) Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(jitterMs + 1));
          List<Double> out = new ArrayList<>();
          for (Double x : batch) {
            if (x != null && x == failOn) throw new UdfException("cannot score " + x);
            if (x != null && x == slowOn) Thread.sleep(10_000);
            out.add(x == null ? null : 2 * x);
          }
          return out;
        }
      }
      """;

  /** A model whose input record refuses some values in its constructor. */
  public static final String RATIO_MODEL = """
      package com.example.udf;

      import io.weir.udf.*;
      import java.util.*;

      @UdfDescription(description = "v / w; w = 3 is refused by the input record.")
      public class Ratio implements ModelFunction<Ratio.In, Double> {
        public record In(double v, double w) {
          public In {
            if (w == 3.0) throw new IllegalArgumentException("w = 3 is not allowed");
          }
        }

        public List<Double> predict(List<In> batch) {
          List<Double> out = new ArrayList<>();
          for (In in : batch) out.add(in.v() / in.w());
          return out;
        }
      }
      """;

  /** Builds the jar of all of them. */
  public static Path jar(Path file) {
    return TestJars.builder()
        .source("com.example.udf.Text", SCALAR)
        .source("com.example.udf.Days", STATIC_SCALAR)
        .source("com.example.udf.Failing", FAILING_SCALAR)
        .source("com.example.udf.WeightedAvg", AGGREGATE)
        .source("com.example.udf.Sequence", WINDOW)
        .source("com.example.udf.Doubler", MODEL)
        .source("com.example.udf.Ratio", RATIO_MODEL)
        .build(file);
  }
}
