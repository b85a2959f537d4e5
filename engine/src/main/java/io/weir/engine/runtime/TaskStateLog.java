package io.weir.engine.runtime;

import io.weir.engine.connectors.QueryLog;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.state.ChangelogFormat;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The runtime's own state, kept in the query's {@code task} changelog and committed with
 * everything else: the watermark of every source split ({@code watermark/<split>}), so that
 * lateness is decided after a restart exactly as before it, and the query's counters ({@code
 * count/<name>}: rows in and out, late and malformed rows), so that records replayed after a crash
 * are not counted twice. Values are 8-byte longs ({@link ChangelogFormat#longValue}); a record is
 * appended only when its value changed since the last commit.
 *
 * <p>One task thread: {@link #restore} once before the first record, {@link #write} before every
 * commit.
 */
final class TaskStateLog {
  static final String CHANGELOG = "task";
  private static final String WATERMARK = "watermark/";
  private static final String COUNT = "count/";

  private final QueryLog.Changelog changelog;
  private final Map<String, Long> written = new HashMap<>();

  TaskStateLog(QueryLog.Changelog changelog) {
    this.changelog = changelog;
  }

  /**
   * Reads the changelog and puts the restored values in place: the split watermarks into the
   * driver, the counters into the metrics.
   *
   * @return how many records were read
   */
  long restore(SourceDriver driver, QueryMetrics metrics) {
    Map<String, Long> values = new HashMap<>();
    long n = changelog.restore(0, (key, value) -> {
      String name = new String(key, StandardCharsets.UTF_8);
      if (value == null) {
        values.remove(name);
      } else {
        values.put(name, ChangelogFormat.readLong(value, "task state '" + name + "'"));
      }
    });
    written.putAll(values);
    TreeMap<Integer, Long> watermarks = new TreeMap<>();
    values.forEach((name, v) -> {
      if (name.startsWith(WATERMARK)) {
        watermarks.put(Integer.parseInt(name.substring(WATERMARK.length())), v);
      }
    });
    if (!watermarks.isEmpty()) {
      long[] wms = new long[watermarks.lastKey() + 1];
      java.util.Arrays.fill(wms, Long.MIN_VALUE);
      watermarks.forEach((split, wm) -> wms[split] = wm);
      driver.restoreSplitWatermarks(wms);
    }
    // Always: a restart before the first commit reads everything again, so its counters start
    // from zero like the state, not from what the failed attempt had counted.
    set(metrics.rowsIn, values.get(COUNT + "rowsIn"));
    set(metrics.rowsOut, values.get(COUNT + "rowsOut"));
    set(metrics.lateRows, values.get(COUNT + "lateRows"));
    set(metrics.malformedRows, values.get(COUNT + "malformedRows"));
    return n;
  }

  private static void set(LongAdder counter, Long value) {
    counter.reset();
    if (value != null) {
      counter.add(value);
    }
  }

  /** Appends the values that changed since the last commit. */
  void write(SourceDriver driver, QueryMetrics metrics) {
    long[] wms = driver.splitWatermarks();
    for (int s = 0; s < wms.length; s++) {
      put(WATERMARK + s, wms[s]);
    }
    put(COUNT + "rowsIn", metrics.rowsIn.sum());
    put(COUNT + "rowsOut", metrics.rowsOut.sum());
    put(COUNT + "lateRows", metrics.lateRows.sum());
    put(COUNT + "malformedRows", metrics.malformedRows.sum());
  }

  private void put(String name, long value) {
    Long before = written.get(name);
    if (before != null && before == value) {
      return;
    }
    changelog.append(name.getBytes(StandardCharsets.UTF_8), ChangelogFormat.longValue(value));
    written.put(name, value);
  }
}
