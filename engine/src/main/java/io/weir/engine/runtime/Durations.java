package io.weir.engine.runtime;

import io.weir.engine.errors.WeirException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as Flink writes them: {@code 500 ms}, {@code 10s}, {@code 1 min}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");

  private Durations() {}

  public static long parseMillis(String text, String option) {
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw WeirException.user("option '" + option + "': cannot read '" + text
          + "' as a duration such as '500 ms', '10 s' or '1 min'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "", "ms", "milli", "millis", "millisecond", "milliseconds" -> n;
      case "s", "sec", "secs", "second", "seconds" -> n * 1000;
      case "m", "min", "mins", "minute", "minutes" -> n * 60_000;
      case "h", "hour", "hours" -> n * 3_600_000;
      default -> throw WeirException.user("option '" + option + "': unknown time unit '"
          + m.group(2) + "' in '" + text + "'");
    };
  }
}
