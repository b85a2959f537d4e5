package io.weir.udf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * What a function instance learns about its environment in {@link Lifecycle#open}: its
 * configuration (the {@code WITH} options of {@code CREATE FUNCTION}, overridden per query),
 * resources bundled in its jar (a model file), a metric group and a logger.
 *
 * <p>Valid during {@code open} and until {@code close} returns; safe to use from the threads
 * that call the instance.
 */
public interface FunctionContext {

  /** The function's name in SQL, as given to {@code CREATE FUNCTION}. */
  String functionName();

  /** The query this instance serves, or null outside a query (validation, tests). */
  String queryId();

  /** The function's configuration: every {@code WITH} option that is not an engine option. */
  Map<String, String> config();

  /** A configuration value, or {@code defaultValue} when it is not set. */
  default String config(String key, String defaultValue) {
    String v = config().get(key);
    return v == null ? defaultValue : v;
  }

  /**
   * A resource bundled in the function's jar, e.g. {@code "models/anomaly.ubj"} (no leading
   * slash). The caller closes the stream.
   *
   * @throws IOException when the jar has no such resource (the message names it)
   */
  InputStream openResource(String path) throws IOException;

  /** A resource's bytes; see {@link #openResource}. */
  default byte[] readResource(String path) throws IOException {
    try (InputStream in = openResource(path)) {
      return in.readAllBytes();
    }
  }

  /** Where the function's own metrics go; they appear with the query's metrics. */
  MetricGroup metrics();

  /** A logger named after the function; messages go to the server's log. */
  System.Logger logger();
}
