package io.weir.engine.udf;

import io.weir.engine.errors.WeirException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model or window function runs on the worker pool, and what happens when a call fails.
 * Set, from weakest to strongest: the server's defaults; {@code CREATE FUNCTION … WITH
 * ('udf.batch-size' = '64')}; a query's {@code SET 'udf.batch-size' = '64'} (every function of
 * the query); a query's {@code SET 'udf.<function>.batch-size' = '64'} (one function).
 *
 * @param workers how many calls of the function may run at once in one query (each on its own
 *     instance); at most the pool's size helps
 * @param batchSize most rows (model) or windows (window function) per call
 * @param batchMaxDelayMillis how long a partial batch may wait for more rows before it is sent
 * @param maxInFlight rows accepted but not yet emitted, at most; beyond it the query's source is
 *     paused (Kafka partitions paused, the consumer keeps polling). 0 (the default): automatic,
 *     see {@link #inFlightLimit}
 * @param timeoutMillis a call running longer is abandoned (its thread interrupted) and its rows
 *     handled by {@code onError}
 * @param onError what a failing or timed-out call does to its rows
 */
public record PoolOptions(int workers, int batchSize, long batchMaxDelayMillis, int maxInFlight,
    long timeoutMillis, OnError onError) {

  /** The error policies. */
  public enum OnError {
    /** The query fails, naming the function, the error and the input. */
    FAIL("fail"),
    /** The rows and the reason go to the query's dead-letter destination; the rows are dropped. */
    DEAD_LETTER("dead-letter"),
    /** The result is NULL. */
    NULL("null");

    public final String text;

    OnError(String text) {
      this.text = text;
    }

    static OnError parse(String v, String key) {
      for (OnError e : values()) {
        if (e.text.equalsIgnoreCase(v.trim())) {
          return e;
        }
      }
      throw WeirException.user("option '" + key + "': '" + v + "' is not a policy; use 'fail', "
          + "'dead-letter' or 'null'");
    }
  }

  public static final String PREFIX = "udf.";
  public static final String WORKERS = "workers";
  public static final String BATCH_SIZE = "batch-size";
  public static final String BATCH_MAX_DELAY = "batch-max-delay";
  public static final String MAX_IN_FLIGHT = "max-in-flight";
  public static final String TIMEOUT = "timeout";
  public static final String ON_ERROR = "on-error";
  static final Set<String> KEYS = Set.of(WORKERS, BATCH_SIZE, BATCH_MAX_DELAY, MAX_IN_FLIGHT,
      TIMEOUT, ON_ERROR);
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");

  public PoolOptions {
    check(workers >= 1 && workers <= 1024, WORKERS, workers, "1 to 1024");
    check(batchSize >= 1 && batchSize <= 1_000_000, BATCH_SIZE, batchSize, "1 to 1000000");
    check(batchMaxDelayMillis >= 0, BATCH_MAX_DELAY, batchMaxDelayMillis + " ms", "0 or more");
    check(maxInFlight >= 0, MAX_IN_FLIGHT, maxInFlight, "0 (automatic) or more");
    check(timeoutMillis >= 1, TIMEOUT, timeoutMillis + " ms", "at least 1 ms");
    if (onError == null) {
      throw WeirException.user("option '" + PREFIX + ON_ERROR + "' must be set");
    }
  }

  private static void check(boolean ok, String key, Object value, String range) {
    if (!ok) {
      throw WeirException.user("option '" + PREFIX + key + "' must be " + range + ", got " + value);
    }
  }

  /** The built-in defaults for a pool of {@code poolThreads} threads. */
  public static PoolOptions defaults(int poolThreads) {
    return new PoolOptions(Math.max(1, poolThreads), 256, 10, 0, 30_000, OnError.FAIL);
  }

  /** The automatic {@code max-in-flight}'s floor. */
  static final int DEFAULT_IN_FLIGHT = 10_000;

  /**
   * Rows in flight at most: {@code max-in-flight}, or when it is 0 (automatic) 10,000 or four
   * batches per worker, whichever is more — so that with large batches every worker still has
   * the next batch filling while it runs one (with fewer than two batches in flight a worker
   * waits for the query thread, and the query thread for the worker).
   */
  public int inFlightLimit() {
    if (maxInFlight > 0) {
      return maxInFlight;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(DEFAULT_IN_FLIGHT, 4L * batchSize * workers));
  }

  /** These options with every {@code udf.*} key of {@code options} applied. */
  public PoolOptions with(Map<String, String> options, String where) {
    PoolOptions p = this;
    for (Map.Entry<String, String> e : options.entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(PREFIX)) {
        continue;
      }
      String key = k.substring(PREFIX.length());
      if (!KEYS.contains(key)) {
        throw WeirException.user(where + ": unknown option '" + k + "'; the engine's options are "
            + KEYS.stream().sorted().map(x -> "'" + PREFIX + x + "'").toList());
      }
      p = p.with(key, e.getValue(), k);
    }
    return p;
  }

  /**
   * The options of one function in one query: these defaults, then the function's {@code WITH}
   * options, then the query's {@code udf.<key>} and {@code udf.<function>.<key>} properties.
   */
  public PoolOptions resolve(Map<String, String> functionOptions, Map<String, String> queryProps,
      String function) {
    PoolOptions p = with(functionOptions, "function '" + function + "'");
    String own = PREFIX + function.toLowerCase(Locale.ROOT) + ".";
    for (Map.Entry<String, String> e : queryProps.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(PREFIX) && KEYS.contains(k.substring(PREFIX.length()))) {
        p = p.with(k.substring(PREFIX.length()), e.getValue(), k);
      }
    }
    for (Map.Entry<String, String> e : queryProps.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (k.startsWith(own)) {
        String key = k.substring(own.length());
        if (!KEYS.contains(key)) {
          throw WeirException.user("query property '" + e.getKey() + "': unknown option '" + key
              + "' for function '" + function + "'; known: " + KEYS.stream().sorted().toList());
        }
        p = p.with(key, e.getValue(), e.getKey());
      }
    }
    return p;
  }

  private PoolOptions with(String key, String v, String shownKey) {
    return switch (key) {
      case WORKERS -> new PoolOptions(integer(v, shownKey), batchSize, batchMaxDelayMillis,
          maxInFlight, timeoutMillis, onError);
      case BATCH_SIZE -> new PoolOptions(workers, integer(v, shownKey), batchMaxDelayMillis,
          maxInFlight, timeoutMillis, onError);
      case BATCH_MAX_DELAY -> new PoolOptions(workers, batchSize, millis(v, shownKey),
          maxInFlight, timeoutMillis, onError);
      case MAX_IN_FLIGHT -> new PoolOptions(workers, batchSize, batchMaxDelayMillis,
          integer(v, shownKey), timeoutMillis, onError);
      case TIMEOUT -> new PoolOptions(workers, batchSize, batchMaxDelayMillis, maxInFlight,
          millis(v, shownKey), onError);
      case ON_ERROR -> new PoolOptions(workers, batchSize, batchMaxDelayMillis, maxInFlight,
          timeoutMillis, OnError.parse(v, shownKey));
      default -> throw new IllegalArgumentException(key);
    };
  }

  private static int integer(String v, String key) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw WeirException.user("option '" + key + "': '" + v + "' is not a whole number");
    }
  }

  /** {@code 500 ms}, {@code 10s}, {@code 1 min}, or plain milliseconds. */
  static long millis(String v, String key) {
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw WeirException.user("option '" + key + "': cannot read '" + v
          + "' as a duration such as '20 ms', '5 s' or '1 min'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> n;
      case "s", "sec", "secs", "second", "seconds" -> n * 1000;
      case "m", "min", "mins", "minute", "minutes" -> n * 60_000;
      default -> throw WeirException.user("option '" + key + "': unknown time unit '"
          + m.group(2) + "' in '" + v + "'");
    };
  }

  @Override
  public String toString() {
    return "workers=" + workers + ", batch-size=" + batchSize + ", batch-max-delay="
        + batchMaxDelayMillis + "ms, max-in-flight=" + (maxInFlight > 0 ? maxInFlight
        : "auto (" + inFlightLimit() + ")") + ", timeout=" + timeoutMillis
        + "ms, on-error=" + onError.text;
  }
}
