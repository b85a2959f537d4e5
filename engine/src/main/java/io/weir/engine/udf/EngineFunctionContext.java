package io.weir.engine.udf;

import io.weir.engine.metrics.FunctionMetrics;
import io.weir.udf.FunctionContext;
import io.weir.udf.MetricGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** The {@link FunctionContext} the engine gives a function instance. Thread-safe. */
final class EngineFunctionContext implements FunctionContext {
  private final String name;
  private final String queryId;
  private final Map<String, String> config;
  private final UdfClassLoader loader;
  private final FunctionMetrics metrics;
  private final MetricGroup group;

  EngineFunctionContext(String name, String queryId, Map<String, String> config,
      UdfClassLoader loader, FunctionMetrics metrics) {
    this.name = name;
    this.queryId = queryId;
    this.config = Map.copyOf(config);
    this.loader = loader;
    this.metrics = metrics;
    this.group = new MetricGroup() {
      @Override
      public Counter counter(String n) {
        LongAdder c = metrics.userCounter(n);
        return new Counter() {
          @Override
          public void inc(long by) {
            c.add(by);
          }

          @Override
          public long count() {
            return c.sum();
          }
        };
      }

      @Override
      public void gauge(String n, DoubleSupplier value) {
        metrics.userGauge(n, value);
      }
    };
  }

  @Override
  public String functionName() {
    return name;
  }

  @Override
  public String queryId() {
    return queryId;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public InputStream openResource(String path) throws IOException {
    String p = path.startsWith("/") ? path.substring(1) : path;
    InputStream in = loader.getResourceAsStream(p);
    if (in == null) {
      throw new IOException("the jar " + loader.description() + " of function '" + name
          + "' has no resource '" + path + "'");
    }
    return in;
  }

  @Override
  public MetricGroup metrics() {
    return group;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("weir.udf." + name);
  }
}
