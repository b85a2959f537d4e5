package io.weir.engine.connectors.gen;

import io.weir.engine.errors.WeirException;
import java.util.Locale;

/** Durations as Flink's {@code TimeUtils.parseDuration} reads them: a number, then a unit. */
final class Durations {
  private Durations() {}

  /**
   * Milliseconds of a text such as {@code 5000}, {@code 5 s}, {@code 10min}, {@code 1 h} or
   * {@code 2 d} (no unit: milliseconds; ns and µs are rounded down to whole milliseconds).
   *
   * @throws WeirException (user) naming the option and the text
   */
  static long parseMillis(String table, String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i).trim();
    long nanosPer = switch (unit) {
      case "ns", "nano", "nanos", "nanosecond", "nanoseconds" -> 1L;
      case "us", "µs", "micro", "micros", "microsecond", "microseconds" -> 1_000L;
      case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> 1_000_000L;
      case "s", "sec", "secs", "second", "seconds" -> 1_000_000_000L;
      case "m", "min", "mins", "minute", "minutes" -> 60_000_000_000L;
      case "h", "hour", "hours" -> 3_600_000_000_000L;
      case "d", "day", "days" -> 86_400_000_000_000L;
      default -> -1L;
    };
    if (i == 0 || nanosPer < 0) {
      throw WeirException.user("table '" + table + "': option '" + option
          + "' must be a duration such as '5 s', '10 min' or '1000' (milliseconds), got '"
          + text + "'");
    }
    try {
      long number = Long.parseLong(t.substring(0, i));
      return Math.multiplyExact(number, nanosPer) / 1_000_000L;
    } catch (NumberFormatException | ArithmeticException e) {
      throw WeirException.user("table '" + table + "': option '" + option
          + "' is too large: '" + text + "'");
    }
  }
}
