package io.weir.engine.connectors.nexmark;

import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of a {@code nexmark} table, checked and resolved once. The generator's options are
 * Flink's Nexmark source options, with their defaults:
 *
 * <ul>
 *   <li>{@code events.num}: events to generate over all three streams, 0 (default) for no end;
 *   <li>{@code first-event.rate} (10000): events per second of event time, so the inter-event
 *       delay is {@code 1 / rate}; also the emission rate when {@code max-emit-speed} is false;
 *   <li>{@code max-emit-speed} (true): emit as fast as possible instead of when each event is due;
 *   <li>{@code person.proportion} (1), {@code auction.proportion} (3), {@code bid.proportion}
 *       (46): of every 50 events, one person, three auctions and 46 bids;
 *   <li>{@code bid.hot-ratio.auctions} (2), {@code bid.hot-ratio.bidders} (4), {@code
 *       auction.hot-ratio.sellers} (4): a bid is for a hot auction with probability {@code 1 - 1 /
 *       ratio}, and so on;
 *   <li>{@code person.avg-size} (200b), {@code auction.avg-size} (500b), {@code bid.avg-size}
 *       (100b): the {@code extra} column pads events to these sizes;
 *   <li>{@code next-event.rate}, {@code rate.shape}, {@code rate.period}, {@code rate.limited},
 *       {@code keep-alive}: accepted as Flink accepts them; as in Flink's generator, the rate is
 *       {@code first-event.rate} throughout. {@code keep-alive} keeps a bounded source open after
 *       its last event.
 * </ul>
 *
 * <p>Weir adds {@code stream} ({@code person}, {@code auction} or {@code bid}, required): which
 * stream the table reads (Weir has no ROW type, so where Flink declares one table of rows and
 * three views, Weir declares three tables), and {@code base-time}: epoch milliseconds of the first
 * event (default: the wall clock when the query starts, as in Flink), which makes runs repeat
 * exactly. The table's columns are any of the stream's columns, by name, in any order. Immutable.
 */
final class NexmarkConfig {
  static final Set<String> KEYS = Set.of("stream", "events.num", "first-event.rate",
      "next-event.rate", "max-emit-speed", "person.proportion", "auction.proportion",
      "bid.proportion", "bid.hot-ratio.auctions", "bid.hot-ratio.bidders",
      "auction.hot-ratio.sellers", "person.avg-size", "auction.avg-size", "bid.avg-size",
      "rate.shape", "rate.period", "rate.limited", "keep-alive", "base-time", "scan.parallelism");

  /** Ids start here so that queries on small data sets still find matches (Nexmark's choice). */
  static final long FIRST_PERSON_ID = 1000;
  static final long FIRST_AUCTION_ID = 1000;
  static final long FIRST_CATEGORY_ID = 10;
  /** Auctions that may still be bid on, per generator (Nexmark's default). */
  static final int NUM_IN_FLIGHT_AUCTIONS = 100;
  /** People considered active for new auctions and bids (Nexmark's default). */
  static final int NUM_ACTIVE_PEOPLE = 1000;

  final String table;
  final NexmarkStream stream;
  /** For each table column, the position of the stream column it reads. */
  final int[] projection;
  final long eventsNum;
  final int rate;
  final boolean maxEmitSpeed;
  final int personProportion;
  final int auctionProportion;
  final int bidProportion;
  final int totalProportion;
  final int hotAuctionRatio;
  final int hotBiddersRatio;
  final int hotSellersRatio;
  final int avgPersonBytes;
  final int avgAuctionBytes;
  final int avgBidBytes;
  final boolean keepAlive;
  /** Epoch millis of the first event, or -1: the wall clock at open. */
  final long baseTime;
  /** Microseconds of event time between consecutive events. */
  final double interEventDelayMicros;

  private NexmarkConfig(TableDescriptor t) {
    Connectors.checkKnownOptions(t, KEYS, List.of());
    this.table = t.name();
    String streamText = t.option("stream");
    if (streamText == null) {
      throw WeirException.user("table '" + table + "': the nexmark connector needs the option "
          + "'stream' = 'person', 'auction' or 'bid'");
    }
    NexmarkStream s = null;
    for (NexmarkStream candidate : NexmarkStream.values()) {
      if (candidate.optionValue().equals(streamText.trim().toLowerCase(Locale.ROOT))) {
        s = candidate;
      }
    }
    if (s == null) {
      throw WeirException.user("table '" + table + "': option 'stream' must be 'person', "
          + "'auction' or 'bid', got '" + streamText + "'");
    }
    this.stream = s;
    this.projection = project(t.physicalSchema());
    this.eventsNum = nonNegative(t, "events.num", 0);
    this.rate = (int) positive(t, "first-event.rate", 10_000, Integer.MAX_VALUE);
    positive(t, "next-event.rate", 10_000, Integer.MAX_VALUE);
    this.maxEmitSpeed = t.booleanOption("max-emit-speed", true);
    t.booleanOption("rate.limited", false);
    this.keepAlive = t.booleanOption("keep-alive", false);
    String shape = t.option("rate.shape", "square").trim().toLowerCase(Locale.ROOT);
    if (!shape.equals("square") && !shape.equals("sine")) {
      throw WeirException.user("table '" + table + "': option 'rate.shape' must be 'square' or "
          + "'sine', got '" + t.option("rate.shape") + "'");
    }
    String period = t.option("rate.period");
    if (period != null && !period.trim().matches("\\d+\\s*[a-zA-Z]*")) {
      throw WeirException.user("table '" + table + "': option 'rate.period' must be a duration "
          + "such as '600 s', got '" + period + "'");
    }
    this.personProportion = (int) nonNegative(t, "person.proportion", 1);
    this.auctionProportion = (int) nonNegative(t, "auction.proportion", 3);
    this.bidProportion = (int) nonNegative(t, "bid.proportion", 46);
    this.totalProportion = personProportion + auctionProportion + bidProportion;
    if (totalProportion <= 0 || totalProportion > 1_000_000) {
      throw WeirException.user("table '" + table + "': the proportions of people, auctions and "
          + "bids must add up to between 1 and 1000000, got " + personProportion + " + "
          + auctionProportion + " + " + bidProportion);
    }
    if (s == NexmarkStream.BID && (personProportion == 0 || auctionProportion == 0)) {
      throw WeirException.user("table '" + table + "': bids need people and auctions to bid on; "
          + "'person.proportion' and 'auction.proportion' must be positive");
    }
    if (s == NexmarkStream.AUCTION && personProportion == 0) {
      throw WeirException.user("table '" + table + "': auctions need sellers; "
          + "'person.proportion' must be positive");
    }
    this.hotAuctionRatio = (int) positive(t, "bid.hot-ratio.auctions", 2, Integer.MAX_VALUE);
    this.hotBiddersRatio = (int) positive(t, "bid.hot-ratio.bidders", 4, Integer.MAX_VALUE);
    this.hotSellersRatio = (int) positive(t, "auction.hot-ratio.sellers", 4, Integer.MAX_VALUE);
    this.avgPersonBytes = bytes(t, "person.avg-size", 200);
    this.avgAuctionBytes = bytes(t, "auction.avg-size", 500);
    this.avgBidBytes = bytes(t, "bid.avg-size", 100);
    long base = t.longOption("base-time", -1);
    if (t.option("base-time") != null && base < 0) {
      throw WeirException.user("table '" + table + "': option 'base-time' must be epoch "
          + "milliseconds (not negative), got '" + t.option("base-time") + "'");
    }
    this.baseTime = base;
    String parallelism = t.option("scan.parallelism");
    if (parallelism != null && t.longOption("scan.parallelism", 1) != 1) {
      throw WeirException.user("table '" + table + "': option 'scan.parallelism' must be 1 "
          + "(queries run at parallelism 1), got '" + parallelism + "'");
    }
    this.interEventDelayMicros = 1_000_000.0 / rate;
  }

  /**
   * Checks every option.
   *
   * @throws WeirException (user) naming the option and its value
   */
  static NexmarkConfig parse(TableDescriptor table) {
    return new NexmarkConfig(table);
  }

  /** Whether the source ends by itself. */
  boolean bounded() {
    return eventsNum > 0;
  }

  /** The event time of event number {@code n} (0 for the first), for a given base time. */
  long timestampForEvent(long base, long n) {
    return base + (long) (n * interEventDelayMicros) / 1000L;
  }

  /** How many of the first {@code events} events belong to this table's stream. */
  long rowsIn(long events) {
    long whole = events / totalProportion;
    long rest = events % totalProportion;
    long n;
    switch (stream) {
      case PERSON -> n = whole * personProportion + Math.min(rest, personProportion);
      case AUCTION -> n = whole * auctionProportion
          + Math.max(0, Math.min(rest - personProportion, auctionProportion));
      default -> n = whole * bidProportion
          + Math.max(0, rest - personProportion - auctionProportion);
    }
    return n;
  }

  private int[] project(Schema schema) {
    int[] p = new int[schema.size()];
    List<String> names = new ArrayList<>();
    for (NexmarkStream.Column c : stream.columns()) {
      names.add(c.name() + " " + c.typeName());
    }
    for (int i = 0; i < schema.size(); i++) {
      Field f = schema.field(i);
      int at = stream.indexOf(f.name());
      if (at < 0) {
        throw WeirException.user("table '" + table + "': column '" + f.name() + "' is not a "
            + "column of the nexmark " + stream.optionValue() + " stream, which has " + names);
      }
      NexmarkStream.Column c = stream.columns().get(at);
      if (!c.accepts(f.type())) {
        throw WeirException.user("table '" + table + "': column '" + f.name() + "' is "
            + f.type() + ", but the nexmark " + stream.optionValue() + " stream's '" + c.name()
            + "' is " + c.typeName());
      }
      p[i] = at;
    }
    return p;
  }

  private static long nonNegative(TableDescriptor t, String key, long defaultValue) {
    long v = t.longOption(key, defaultValue);
    if (v < 0) {
      throw WeirException.user("table '" + t.name() + "': option '" + key + "' must not be "
          + "negative, got '" + t.option(key) + "'");
    }
    return v;
  }

  private static long positive(TableDescriptor t, String key, long defaultValue, long max) {
    long v = t.longOption(key, defaultValue);
    if (v <= 0 || v > max) {
      throw WeirException.user("table '" + t.name() + "': option '" + key + "' must be between 1 "
          + "and " + max + ", got '" + t.option(key) + "'");
    }
    return v;
  }

  /** A size such as {@code 100b}, {@code 1kb} or {@code 2 mb} (Flink's MemorySize), in bytes. */
  private static int bytes(TableDescriptor t, String key, int defaultValue) {
    String text = t.option(key);
    if (text == null) {
      return defaultValue;
    }
    String v = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    long factor = switch (v.substring(i).trim()) {
      case "", "b", "bytes" -> 1;
      case "k", "kb", "kibibytes" -> 1024;
      case "m", "mb", "mebibytes" -> 1024 * 1024;
      default -> -1;
    };
    if (i == 0 || factor < 0) {
      throw WeirException.user("table '" + t.name() + "': option '" + key + "' must be a size "
          + "such as '100b' or '1kb', got '" + text + "'");
    }
    long n = i > 9 ? Long.MAX_VALUE : Long.parseLong(v.substring(0, i)) * factor;
    if (n > 64 * 1024 * 1024) {
      throw WeirException.user("table '" + t.name() + "': option '" + key + "' is too large: '"
          + text + "' (at most 64mb)");
    }
    return (int) n;
  }
}
