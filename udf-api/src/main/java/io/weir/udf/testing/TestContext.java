package io.weir.udf.testing;

import io.weir.udf.FunctionContext;
import io.weir.udf.MetricGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A {@link FunctionContext} for tests: configuration and resources as given (resources not given
 * explicitly are read from a class loader — by default the test's class path, where a
 * function's {@code src/main/resources} are), metrics kept in memory for assertions, and a
 * logger. Thread-safe once built.
 *
 * <pre>{@code
 * TestContext ctx = TestContext.builder("anomaly_score").config("threshold", "0.8").build();
 * }</pre>
 */
public final class TestContext implements FunctionContext {
  private final String name;
  private final Map<String, String> config;
  private final Map<String, byte[]> resources;
  private final ClassLoader loader;
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
  private final MetricGroup metrics = new MetricGroup() {
    @Override
    public Counter counter(String n) {
      AtomicLong c = counters.computeIfAbsent(n, k -> new AtomicLong());
      return new Counter() {
        @Override
        public void inc(long by) {
          c.addAndGet(by);
        }

        @Override
        public long count() {
          return c.get();
        }
      };
    }

    @Override
    public void gauge(String n, DoubleSupplier value) {
      gauges.put(n, value);
    }
  };

  private TestContext(Builder b) {
    this.name = b.name;
    this.config = Map.copyOf(b.config);
    this.resources = Map.copyOf(b.resources);
    this.loader = b.loader;
  }

  /** A context for a function called {@code name} in SQL. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** An empty context (no configuration; resources from the thread's class path). */
  public static TestContext of(String name) {
    return builder(name).build();
  }

  @Override
  public String functionName() {
    return name;
  }

  @Override
  public String queryId() {
    return null;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public InputStream openResource(String path) throws IOException {
    byte[] given = resources.get(path);
    if (given != null) {
      return new ByteArrayInputStream(given);
    }
    String p = path.startsWith("/") ? path.substring(1) : path;
    InputStream in = loader.getResourceAsStream(p);
    if (in == null) {
      throw new IOException("no resource '" + path + "' (given: " + resources.keySet()
          + "; nor on the class path)");
    }
    return in;
  }

  @Override
  public MetricGroup metrics() {
    return metrics;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("weir.udf." + name);
  }

  /** The value of a counter the function incremented (0 when never touched). */
  public long counter(String n) {
    AtomicLong c = counters.get(n);
    return c == null ? 0 : c.get();
  }

  /** The current value of every gauge the function registered. */
  public Map<String, Double> gauges() {
    Map<String, Double> out = new TreeMap<>();
    gauges.forEach((k, v) -> out.put(k, v.getAsDouble()));
    return out;
  }

  /** Builds a {@link TestContext}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : TestContext.class.getClassLoader();

    private Builder(String name) {
      this.name = name;
    }

    public Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    public Builder config(Map<String, String> values) {
      config.putAll(values);
      return this;
    }

    /** A resource with these bytes, taking precedence over the class path. */
    public Builder resource(String path, byte[] bytes) {
      resources.put(path, bytes.clone());
      return this;
    }

    /** Where resources not given explicitly are read from. */
    public Builder resourcesFrom(ClassLoader classLoader) {
      this.loader = classLoader;
      return this;
    }

    public TestContext build() {
      return new TestContext(this);
    }
  }
}
