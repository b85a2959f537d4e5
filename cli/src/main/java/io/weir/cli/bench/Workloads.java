package io.weir.cli.bench;

import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every workload {@code weir bench} knows, by name.
 *
 * <p>The four workloads of the performance issue ({@code pass}, {@code tumble}, {@code hop},
 * {@code hop60}) use the issue's SQL word for word, N being the number of events (the issue's N
 * is 20,000,000): a {@code datagen} table of bid-like rows, event time advancing 10,000 events per
 * second, into a {@code blackhole} table. The other workloads vary one thing each and say what.
 * The Nexmark workloads run the queries of {@code examples-sql/nexmark} over the {@code nexmark}
 * connector. Immutable.
 */
public final class Workloads {
  /** The issue's N. */
  public static final long ISSUE_EVENTS = 20_000_000L;

  private static final Map<String, Workload> ALL = new LinkedHashMap<>();

  private Workloads() {}

  /**
   * The issue's {@code bid} table over {@code events} events, with the auction ids in {@code
   * [1000, lastAuction]} (the issue: 10999, so 10,000 keys).
   */
  static String bidTable(long events, long lastAuction) {
    return """
        CREATE TABLE bid (
          seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT,
          ts AS TO_TIMESTAMP_LTZ(seq / 10, 3),          -- event time advances 10,000 events per second
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH (
          'connector' = 'datagen', 'number-of-rows' = '%d', 'rows-per-second' = '1000000000000',
          'fields.seq.kind' = 'sequence', 'fields.seq.start' = '0', 'fields.seq.end' = '%d',
          'fields.auction.min' = '1000', 'fields.auction.max' = '%d',
          'fields.bidder.min' = '1', 'fields.bidder.max' = '100000',
          'fields.price.min' = '1', 'fields.price.max' = '100000');
        """.formatted(events, events - 1, lastAuction);
  }

  static final String PASS = """
      CREATE TABLE sink (seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP_LTZ(3))
        WITH ('connector' = 'blackhole');
      INSERT INTO sink SELECT * FROM bid;
      """;

  static final String TUMBLE = """
      CREATE TABLE sink (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
        num BIGINT, total BIGINT) WITH ('connector' = 'blackhole');
      INSERT INTO sink
      SELECT auction, window_start, window_end, COUNT(*), SUM(price)
        FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end;
      """;

  static String hop(int slideSeconds, int sizeSeconds) {
    return """
        CREATE TABLE sink (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          num BIGINT) WITH ('connector' = 'blackhole');
        INSERT INTO sink
        SELECT auction, window_start, window_end, COUNT(*)
          FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '%d' SECOND, INTERVAL '%d' SECOND)) GROUP BY auction, window_start, window_end;
        """.formatted(slideSeconds, sizeSeconds);
  }

  /**
   * A million distinct keys in one window: the key is {@code seq} modulo a million and event time
   * advances 1,000 events per second, so the first one-hour window holds 3.6 million events over
   * exactly 1,000,000 keys. State must live in RocksDB with a bounded heap.
   */
  static String millionKeys(long events) {
    return """
        CREATE TABLE bid (
          seq BIGINT, auction BIGINT, price BIGINT,
          k AS MOD(seq, 1000000),
          ts AS TO_TIMESTAMP_LTZ(seq, 3),
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH (
          'connector' = 'datagen', 'number-of-rows' = '%d', 'rows-per-second' = '1000000000000',
          'fields.seq.kind' = 'sequence', 'fields.seq.start' = '0', 'fields.seq.end' = '%d',
          'fields.auction.min' = '1000', 'fields.auction.max' = '10999',
          'fields.price.min' = '1', 'fields.price.max' = '100000');
        CREATE TABLE sink (k BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          num BIGINT, total BIGINT) WITH ('connector' = 'blackhole');
        INSERT INTO sink
        SELECT k, window_start, window_end, COUNT(*), SUM(price)
          FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY k, window_start, window_end;
        """.formatted(events, events - 1);
  }

  static {
    add(new Workload("pass", "issue: SELECT * FROM bid (10,000 auctions)",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 10999) + PASS, 1_030_000));
    add(new Workload("tumble", "issue: TUMBLE(10 s) COUNT(*), SUM(price) by auction",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 10999) + TUMBLE, 485_000));
    add(new Workload("hop", "issue: HOP(2 s, 10 s) COUNT(*) by auction",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 10999) + hop(2, 10), 180_000));
    add(new Workload("hop60", "issue: HOP(1 s, 60 s) COUNT(*) by auction",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 10999) + hop(1, 60), 25_000));
    add(new Workload("tumble-100", "the tumble workload over 100 auctions",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 1099) + TUMBLE, 0));
    add(new Workload("hop60-100", "the hop60 workload over 100 auctions",
        Workload.Source.GENERATOR, ISSUE_EVENTS, n -> bidTable(n, 1099) + hop(1, 60), 0));
    add(new Workload("keys1m", "TUMBLE(1 h) over exactly 1,000,000 keys (heap check)",
        Workload.Source.GENERATOR, 5_000_000, Workloads::millionKeys, 0));
    add(new Workload("kafka-hop", "the hop workload read from a pre-filled Kafka topic of JSON",
        Workload.Source.KAFKA, 10_000_000, KafkaBench::script, 0));
    add(new Workload("latency-q0", "Nexmark q0 at 200,000 events/s, event time = wall clock:"
        + " creation-to-sink latency", Workload.Source.GENERATOR, 2_000_000,
        n -> latency(n, 200_000, false), 0, Workloads::nexmarkBids, true));
    add(new Workload("latency-hop", "q5's HOP(2 s, 10 s) count at 200,000 events/s: latency from"
        + " the event completing a window to its result", Workload.Source.GENERATOR, 2_000_000,
        n -> latency(n, 200_000, true), 0, Workloads::nexmarkBids, true));
    scoring("score", 1024, 1, 2_000_000);
    scoring("score-64", 64, 1, 1_000_000);
    scoring("score-64x2", 64, 2, 1_000_000);
    for (String q : List.of("q0", "q1", "q2", "q5", "q7")) {
      add(new Workload("nexmark-" + q, "Nexmark " + q + " (examples-sql/nexmark/" + q + ".sql)",
          Workload.Source.GENERATOR, 10_000_000, n -> nexmark(q, n), 0, Workloads::nexmarkBids,
          false));
    }
  }

  /** A model-scoring workload; see {@link ScoringBench}. */
  private static void scoring(String name, int batch, int workers, long defaultEvents) {
    add(new Workload(name, "anomaly_score (the example XGBoost model) over web requests from a"
        + " JSON file, batches of " + batch + ", " + workers + " worker" + (workers > 1 ? "s" : "")
        + "; baseline: the model's own predict, one thread", Workload.Source.REQUESTS,
        defaultEvents, n -> ScoringBench.script(batch, workers), 0, n -> n, false, batch));
  }

  /** Where {@link BenchRunner} puts the name of a run's latency recorder. */
  public static final String RECORDER = "${latency-recorder}";

  /**
   * Bids at {@code rate} events per second with event time following the wall clock, so the sink
   * can tell each row's latency: the bids themselves ({@code window} false, Nexmark q0), or
   * q5's HOP(2 s, 10 s) count per auction, whose result latency runs from the event that
   * completes a window (window end plus the 4 s watermark delay) to the result.
   */
  static String latency(long events, long rate, boolean window) {
    String bid = """
        CREATE TABLE bid (
          auction BIGINT, bidder BIGINT, price BIGINT, `dateTime` TIMESTAMP(3), extra VARCHAR,
          WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND
        ) WITH ('connector' = 'nexmark', 'stream' = 'bid', 'events.num' = '%d',
          'first-event.rate' = '%d', 'next-event.rate' = '%d', 'max-emit-speed' = 'false');
        """.formatted(events, rate, rate);
    if (!window) {
      return bid + """
          CREATE TABLE sink (auction BIGINT, bidder BIGINT, price BIGINT, `dateTime` TIMESTAMP(3),
            extra VARCHAR) WITH ('connector' = 'bench-latency', 'time-column' = 'dateTime',
            'recorder' = '%s');
          INSERT INTO sink SELECT auction, bidder, price, `dateTime`, extra FROM bid;
          """.formatted(RECORDER);
    }
    return bid + """
        CREATE TABLE sink (auction BIGINT, num BIGINT, starttime TIMESTAMP(3), endtime TIMESTAMP(3))
          WITH ('connector' = 'bench-latency', 'time-column' = 'endtime', 'offset-ms' = '3999',
          'recorder' = '%s');
        INSERT INTO sink
        SELECT auction, COUNT(*), window_start, window_end
          FROM TABLE(HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
          GROUP BY auction, window_start, window_end;
        """.formatted(RECORDER);
  }

  private static void add(Workload w) {
    ALL.put(w.name(), w);
  }

  /** Every workload, in the order {@code --list} shows them. */
  public static List<Workload> all() {
    return new ArrayList<>(ALL.values());
  }

  /** The issue's four workloads. */
  public static List<String> issueWorkloads() {
    return List.of("pass", "tumble", "hop", "hop60");
  }

  /**
   * The workload with this name.
   *
   * @throws WeirException (user) naming the known workloads
   */
  public static Workload byName(String name) {
    Workload w = ALL.get(name);
    if (w == null) {
      throw WeirException.user("unknown workload '" + name + "'; known: "
          + String.join(", ", ALL.keySet()));
    }
    return w;
  }

  /** Bids among the first N Nexmark events: 46 of every 50, after one person and 3 auctions. */
  static long nexmarkBids(long events) {
    return events / 50 * 46 + Math.max(0, events % 50 - 4);
  }

  private static final Pattern EVENTS_NUM = Pattern.compile("'events\\.num'\\s*=\\s*'\\d+'");

  /**
   * The Nexmark DDL and query {@code q} from the class path ({@code nexmark/ddl.sql}, {@code
   * nexmark/<q>.sql}, copied from {@code examples-sql/nexmark}), with {@code events.num} set to N.
   */
  static String nexmark(String q, long events) {
    String ddl = resource("nexmark/ddl.sql");
    Matcher m = EVENTS_NUM.matcher(ddl);
    if (!m.find()) {
      throw WeirException.internal("nexmark/ddl.sql sets no 'events.num'", null);
    }
    ddl = m.replaceAll("'events.num' = '" + events + "'");
    return ddl + "\n" + resource("nexmark/" + q + ".sql");
  }

  private static String resource(String path) {
    try (InputStream in = Workloads.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw WeirException.internal("no resource " + path + " on the class path", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WeirException.internal("cannot read the resource " + path + ": " + e, e);
    }
  }
}
