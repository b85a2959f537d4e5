package io.weir.engine.connectors.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * Timestamps as Flink's json format writes and reads them ({@code TimeFormats} in
 * flink-formats): {@code yyyy-MM-dd HH:mm:ss} (SQL) or {@code yyyy-MM-ddTHH:mm:ss} (ISO-8601),
 * then the fraction of a second with as few digits as it needs and no point when it is zero
 * ({@code appendFraction(NANO_OF_SECOND, 0, 9, true)}: 10 ms is {@code .01}, 500 ms is {@code
 * .5}), then a literal {@code Z} for TIMESTAMP_LTZ. Values are epoch milliseconds (the wall clock
 * read as UTC for TIMESTAMP).
 *
 * <p>Common shapes take a hand-written fast path; everything else (years outside 0–9999, a
 * missing seconds field in ISO-8601, {@code 24:00:00}, day 31 of a 30-day month…) goes through
 * the very {@link DateTimeFormatter}s Flink uses, so both accept and reject the same text and
 * resolve it the same way. Stateless and thread-safe.
 */
final class TimestampText {
  private static final DateTimeFormatter SQL_TIME = new DateTimeFormatterBuilder()
      .appendPattern("HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .toFormatter();
  private static final DateTimeFormatter SQL_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral(' ')
      .append(SQL_TIME)
      .toFormatter();
  private static final DateTimeFormatter SQL_TIMESTAMP_LTZ = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral(' ')
      .append(SQL_TIME)
      .appendPattern("'Z'")
      .toFormatter();
  private static final DateTimeFormatter ISO_TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
  private static final DateTimeFormatter ISO_TIMESTAMP_LTZ = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .appendPattern("'Z'")
      .toFormatter();

  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the fast path's range. */
  private static final long MIN_FAST = -62_167_219_200_000L;
  private static final long MAX_FAST = 253_402_300_799_999L;

  private TimestampText() {}

  /** The longest text {@link #format} writes on its fast path. */
  static final int MAX_FAST_LENGTH = 24;

  /**
   * Writes a timestamp into {@code out} (at least {@link #MAX_FAST_LENGTH} chars) and returns
   * the length, or returns -1 when the year lies outside 0–9999 (then call {@link
   * #formatSlow}).
   */
  static int format(long millis, boolean iso, boolean ltz, char[] out) {
    if (millis < MIN_FAST || millis > MAX_FAST) {
      return -1;
    }
    long days = Math.floorDiv(millis, MILLIS_PER_DAY);
    int msOfDay = (int) (millis - days * MILLIS_PER_DAY);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int doe = (int) (z - era * 146_097);
    int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int day = doy - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    int year = (int) (yoe + era * 400) + (month <= 2 ? 1 : 0);

    int hour = msOfDay / 3_600_000;
    int minute = msOfDay / 60_000 % 60;
    int second = msOfDay / 1000 % 60;
    int ms = msOfDay % 1000;

    out[0] = (char) ('0' + year / 1000);
    out[1] = (char) ('0' + year / 100 % 10);
    out[2] = (char) ('0' + year / 10 % 10);
    out[3] = (char) ('0' + year % 10);
    out[4] = '-';
    two(out, 5, month);
    out[7] = '-';
    two(out, 8, day);
    out[10] = iso ? 'T' : ' ';
    two(out, 11, hour);
    out[13] = ':';
    two(out, 14, minute);
    out[16] = ':';
    two(out, 17, second);
    int n = 19;
    if (ms != 0) {
      out[n++] = '.';
      out[n++] = (char) ('0' + ms / 100);
      if (ms % 100 != 0) {
        out[n++] = (char) ('0' + ms / 10 % 10);
        if (ms % 10 != 0) {
          out[n++] = (char) ('0' + ms % 10);
        }
      }
    }
    if (ltz) {
      out[n++] = 'Z';
    }
    return n;
  }

  /** Any timestamp, through Flink's formatters. */
  static String formatSlow(long millis, boolean iso, boolean ltz) {
    long seconds = Math.floorDiv(millis, 1000);
    int nanos = (int) Math.floorMod(millis, 1000) * 1_000_000;
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    return formatter(iso, ltz).format(ltz ? t.atOffset(ZoneOffset.UTC) : t);
  }

  static String format(long millis, boolean iso, boolean ltz) {
    char[] buf = new char[MAX_FAST_LENGTH];
    int n = format(millis, iso, ltz, buf);
    return n < 0 ? formatSlow(millis, iso, ltz) : new String(buf, 0, n);
  }

  /**
   * Reads a timestamp as Flink does, truncating digits past the millisecond.
   *
   * @throws java.time.format.DateTimeParseException when Flink would not accept the text
   */
  static long parse(char[] text, int offset, int length, boolean iso, boolean ltz) {
    long fast = parseFast(text, offset, length, iso, ltz);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    TemporalAccessor parsed = formatter(iso, ltz).parse(new String(text, offset, length));
    LocalTime time = parsed.query(TemporalQueries.localTime());
    LocalDate date = parsed.query(TemporalQueries.localDate());
    LocalDateTime t = LocalDateTime.of(date, time);
    return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
  }

  static long parse(String text, boolean iso, boolean ltz) {
    return parse(text.toCharArray(), 0, text.length(), iso, ltz);
  }

  private static DateTimeFormatter formatter(boolean iso, boolean ltz) {
    if (iso) {
      return ltz ? ISO_TIMESTAMP_LTZ : ISO_TIMESTAMP;
    }
    return ltz ? SQL_TIMESTAMP_LTZ : SQL_TIMESTAMP;
  }

  /** Exactly {@code dddd-dd-dd?dd:dd:dd[.d{1,9}][Z]} with valid fields, or Long.MIN_VALUE. */
  private static long parseFast(char[] s, int off, int len, boolean iso, boolean ltz) {
    int end = off + len;
    if (ltz) {
      if (len < 1 || s[end - 1] != 'Z') {
        return Long.MIN_VALUE;
      }
      end--;
    }
    if (end - off < 19 || s[off + 4] != '-' || s[off + 7] != '-'
        || s[off + 10] != (iso ? 'T' : ' ') || s[off + 13] != ':' || s[off + 16] != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, off, 4);
    int month = digits(s, off + 5, 2);
    int day = digits(s, off + 8, 2);
    int hour = digits(s, off + 11, 2);
    int minute = digits(s, off + 14, 2);
    int second = digits(s, off + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
        || hour > 23 || minute > 59 || second > 59) {
      return Long.MIN_VALUE;
    }
    int ms = 0;
    int p = off + 19;
    if (p < end) {
      if (s[p] != '.' || end - p - 1 < 1 || end - p - 1 > 9) {
        return Long.MIN_VALUE;
      }
      int scale = 100;
      for (int i = p + 1; i < end; i++) {
        int d = s[i] - '0';
        if (d < 0 || d > 9) {
          return Long.MIN_VALUE;
        }
        ms += d * scale;
        scale /= 10;
      }
    }
    return epochDay(year, month, day) * MILLIS_PER_DAY
        + hour * 3_600_000L + minute * 60_000L + second * 1000L + ms;
  }

  private static int digits(char[] s, int off, int n) {
    int v = 0;
    for (int i = off; i < off + n; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    int yoe = (int) (y - era * 400);
    int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static void two(char[] out, int at, int v) {
    out[at] = (char) ('0' + v / 10);
    out[at + 1] = (char) ('0' + v % 10);
  }
}
