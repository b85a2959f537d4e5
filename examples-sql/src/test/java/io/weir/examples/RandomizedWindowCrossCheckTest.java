package io.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.runtime.QueryState;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random events — out of order, a few percent late, thousands of keys, some NULL values —
 * through TUMBLE and HOP queries (COUNT, SUM, MIN, MAX, COUNT DISTINCT) on the engine, compared
 * row by row with a naive reference evaluator written here: it simulates the per-row watermark
 * (max of ts - delay over the rows before), drops a row when the last window containing it has
 * fired (wm >= end - 1), puts every other row into each window containing it that has not fired
 * yet, and emits every window at the end. The late counts must match too. Each run uses the
 * engine's default batch size and a small odd one: results must not depend on batch cuts.
 */
class RandomizedWindowCrossCheckTest {
  /** Fixed, so a failure reproduces; {@code -Dweir.crosscheck.seed=N} tries another input. */
  private static final long SEED = Long.getLong("weir.crosscheck.seed", 20_240_101L);
  private static final int EVENTS = 100_000;
  private static final int KEYS = 3_000;
  private static final long DELAY_MS = 2_000;
  /** 2024-01-01T00:00:00Z. */
  private static final long BASE = 1_704_067_200_000L;
  private static final long TIMEOUT_SECONDS = 120;

  /** One event; {@code value} and {@code user} may be null. */
  record Event(String key, Integer value, Integer user, long ts) {}

  /**
   * A query under test and the windows it defines.
   *
   * @param name also the sink table's name
   * @param slide the window slide (the size for TUMBLE)
   * @param size the window size
   * @param select the SELECT that feeds the sink
   */
  record WindowQuery(String name, long slide, long size, String select) {}

  private static final String AGGREGATES =
      "COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT u)";

  private static final List<WindowQuery> QUERIES = List.of(
      new WindowQuery("tumble_10s", 10_000, 10_000,
          "SELECT k, window_start, window_end, " + AGGREGATES
              + " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
              + " GROUP BY k, window_start, window_end"),
      new WindowQuery("hop_3s_10s", 3_000, 10_000,
          "SELECT k, window_start, window_end, " + AGGREGATES
              + " FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '3' SECOND,"
              + " INTERVAL '10' SECOND))"
              + " GROUP BY k, window_start, window_end"),
      new WindowQuery("hop_legacy_5s_15s", 5_000, 15_000,
          "SELECT k, HOP_START(ts, INTERVAL '5' SECOND, INTERVAL '15' SECOND),"
              + " HOP_END(ts, INTERVAL '5' SECOND, INTERVAL '15' SECOND), " + AGGREGATES
              + " FROM events GROUP BY HOP(ts, INTERVAL '5' SECOND, INTERVAL '15' SECOND), k"));

  /** The engine's default batch size, and an odd small one that cuts the input differently. */
  static IntStream batchSizes() {
    return IntStream.of(Engine.Config.defaults(Path.of(".")).batchSize(), 37);
  }

  @ParameterizedTest(name = "batches of {0}")
  @MethodSource("batchSizes")
  void windowAggregatesMatchTheNaiveReference(int batchSize, @TempDir Path tmp)
      throws Exception {
    long t0 = System.nanoTime();
    List<Event> events = events();
    Path input = tmp.resolve("events.jsonl");
    writeInput(events, input);
    long t1 = System.nanoTime();

    StringBuilder script = new StringBuilder("""
        CREATE TABLE events (
          k STRING,
          v INT,
          u INT,
          ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
        ) WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
        """.formatted(input));
    for (WindowQuery q : QUERIES) {
      script.append("""
          CREATE TABLE %s (
            k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
            c BIGINT, cv BIGINT, s INT, mn INT, mx INT, du BIGINT
          ) WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
          INSERT INTO %s %s;
          """.formatted(q.name(), tmp.resolve(q.name()), q.name(), q.select()));
    }

    Map<String, Query> started = new HashMap<>();
    long t2;
    Engine.Config defaults = Engine.Config.defaults(tmp.resolve("data"));
    Engine.Config config = new Engine.Config(defaults.dataDirectory(), defaults.kafkaBootstrap(),
        defaults.stdout(), defaults.resultBufferRows(), defaults.commitIntervalMillis(),
        defaults.idleTimeoutMillis(), batchSize);
    try (Engine engine = new Engine(config)) {
      List<Query> queries = new ArrayList<>();
      for (StatementResult r : engine.execute(script.toString())) {
        if (r instanceof StatementResult.QueryStarted s) {
          queries.add(s.query());
        }
      }
      assertEquals(QUERIES.size(), queries.size(), "started queries");
      for (int i = 0; i < queries.size(); i++) {
        Query q = queries.get(i);
        assertTrue(q.await(TIMEOUT_SECONDS, TimeUnit.SECONDS),
            QUERIES.get(i).name() + " did not finish within " + TIMEOUT_SECONDS + " s");
        if (q.state() != QueryState.FINISHED) {
          fail(QUERIES.get(i).name() + " ended " + q.state() + ": " + q.error(), q.error());
        }
        started.put(QUERIES.get(i).name(), q);
      }
      t2 = System.nanoTime();
    }

    List<String> failures = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    for (WindowQuery q : QUERIES) {
      Reference ref = REFERENCES.computeIfAbsent(q.name(),
          n -> reference(events, q.slide(), q.size()));
      List<String> actual = readSink(tmp.resolve(q.name()));
      long lateRows = started.get(q.name()).metrics().lateRows.sum();
      summary.append(String.format("%n  %-18s %,8d rows, %,6d late (%.2f%%)", q.name(),
          ref.rows().size(), ref.late(), 100.0 * ref.late() / EVENTS));
      String diff = diff(ref.rows(), actual);
      if (diff != null) {
        failures.add(q.name() + ": " + diff);
      }
      if (lateRows != ref.late()) {
        failures.add(q.name() + ": lateRows " + lateRows + ", the reference drops " + ref.late());
      }
    }
    long t3 = System.nanoTime();
    System.out.printf("randomized cross-check, seed %d, batches of %d: %,d events, %,d keys; "
            + "generate+write %d ms, engine %d ms, reference+compare %d ms%s%n", SEED, batchSize,
        EVENTS, distinctKeys(events),
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, summary);
    if (!failures.isEmpty()) {
      fail("seed " + SEED + ", batches of " + batchSize + ":\n" + String.join("\n\n", failures));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Input

  /** The events and the reference's answers, computed once for every batch size. */
  private static List<Event> events;

  private static final Map<String, Reference> REFERENCES = new HashMap<>();

  private static synchronized List<Event> events() {
    if (events == null) {
      events = generate(new Random(SEED));
    }
    return events;
  }

  /**
   * Event time advances ~1.5 ms per event; most events are up to 1.5 s behind the clock (within
   * the 2 s delay), some up to 2.5 s, and 6 % between 2.5 and 20.5 s (often late).
   */
  static List<Event> generate(Random random) {
    List<Event> events = new ArrayList<>(EVENTS);
    long clock = 0;
    for (int i = 0; i < EVENTS; i++) {
      clock += random.nextInt(4);
      double p = random.nextDouble();
      long behind = p < 0.82 ? random.nextInt(1_500)
          : p < 0.94 ? random.nextInt(2_500)
          : 2_500 + random.nextInt(18_000);
      int keyIndex = (int) (KEYS * Math.pow(random.nextDouble(), 1.5));
      Integer value = random.nextInt(100) == 0 ? null : random.nextInt(2_001) - 1_000;
      Integer user = random.nextInt(20) == 0 ? null : random.nextInt(12);
      events.add(new Event("key-" + keyIndex, value, user, BASE + clock - behind));
    }
    return events;
  }

  private static void writeInput(List<Event> events, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Event e : events) {
        w.write("{\"k\":\"");
        w.write(e.key());
        w.write("\",\"v\":");
        w.write(String.valueOf(e.value()));
        w.write(",\"u\":");
        w.write(String.valueOf(e.user()));
        w.write(",\"ts\":\"");
        w.write(formatTimestamp(e.ts()));
        w.write("\"}\n");
      }
    }
  }

  private static long distinctKeys(List<Event> events) {
    Set<String> keys = new HashSet<>();
    for (Event e : events) {
      keys.add(e.key());
    }
    return keys.size();
  }

  /** TIMESTAMP(3) as Flink's json format writes it: fraction trimmed, none when zero. */
  static String formatTimestamp(long millis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(23);
    sb.append(t.getYear()).append('-');
    pad2(sb, t.getMonthValue()).append('-');
    pad2(sb, t.getDayOfMonth()).append(' ');
    pad2(sb, t.getHour()).append(':');
    pad2(sb, t.getMinute()).append(':');
    pad2(sb, t.getSecond());
    int ms = (int) Math.floorMod(millis, 1000L);
    if (ms != 0) {
      sb.append('.').append((char) ('0' + ms / 100));
      if (ms % 100 != 0) {
        sb.append((char) ('0' + ms / 10 % 10));
        if (ms % 10 != 0) {
          sb.append((char) ('0' + ms % 10));
        }
      }
    }
    return sb.toString();
  }

  private static StringBuilder pad2(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  // ------------------------------------------------------------------------------------------
  // The naive reference

  /** The reference's rows ({@link #rowText} form) and the number of rows it dropped as late. */
  record Reference(List<String> rows, long late) {}

  /** COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT u) of a key in a window. */
  private static final class Acc {
    long count;
    long countV;
    long sum;
    Integer min;
    Integer max;
    final Set<Integer> users = new HashSet<>();

    void add(Integer v, Integer u) {
      count++;
      if (u != null) {
        users.add(u);
      }
      if (v != null) {
        countV++;
        sum += v;
        min = min == null ? v : Math.min(min, v);
        max = max == null ? v : Math.max(max, v);
      }
    }
  }

  private record Cell(String key, long start) {}

  static Reference reference(List<Event> events, long slide, long size) {
    Map<Cell, Acc> cells = new HashMap<>();
    long watermark = Long.MIN_VALUE;
    long late = 0;
    for (Event e : events) {
      boolean counted = false;
      for (long start = Math.floorDiv(e.ts(), slide) * slide; start > e.ts() - size;
          start -= slide) {
        long end = start + size;
        boolean fired = watermark >= end - 1;
        if (!fired) {
          cells.computeIfAbsent(new Cell(e.key(), start), c -> new Acc()).add(e.value(), e.user());
          counted = true;
        }
      }
      if (!counted) {
        late++;
      }
      watermark = Math.max(watermark, e.ts() - DELAY_MS);
    }
    List<String> rows = new ArrayList<>(cells.size());
    Map<Long, String> times = new HashMap<>();
    cells.forEach((cell, acc) -> rows.add(rowText(cell.key(),
        times.computeIfAbsent(cell.start(), RandomizedWindowCrossCheckTest::formatTimestamp),
        times.computeIfAbsent(cell.start() + size, RandomizedWindowCrossCheckTest::formatTimestamp),
        Long.toString(acc.count), Long.toString(acc.countV),
        acc.countV == 0 ? "null" : Long.toString(acc.sum),
        String.valueOf(acc.min), String.valueOf(acc.max), Integer.toString(acc.users.size()))));
    Collections.sort(rows);
    return new Reference(rows, late);
  }

  private static String rowText(String... fields) {
    return String.join(" | ", fields);
  }

  // ------------------------------------------------------------------------------------------
  // The engine's rows

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] COLUMNS = {"k", "window_start", "window_end", "c", "cv", "s",
      "mn", "mx", "du"};

  static List<String> readSink(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return rows;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".")
              && !p.getFileName().toString().startsWith("_"))
          .toList();
    }
    String[] fields = new String[COLUMNS.length];
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode row = JSON.readTree(line);
          for (int i = 0; i < COLUMNS.length; i++) {
            JsonNode v = row.get(COLUMNS[i]);
            fields[i] = v == null ? "<missing>" : v.isNull() ? "null" : v.asText();
          }
          rows.add(rowText(fields));
        }
      }
    }
    Collections.sort(rows);
    return rows;
  }

  /** Null when equal; otherwise counts and the first differing rows of each side. */
  static String diff(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    Map<String, Integer> balance = new TreeMap<>();
    for (String row : expected) {
      balance.merge(row, 1, Integer::sum);
    }
    for (String row : actual) {
      balance.merge(row, -1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    balance.forEach((row, n) -> {
      for (int i = 0; i < Math.abs(n); i++) {
        (n > 0 ? missing : unexpected).add(row);
      }
    });
    StringBuilder sb = new StringBuilder(String.format(
        "the reference has %,d rows, the engine wrote %,d; %,d missing, %,d unexpected "
            + "(columns: %s)%n", expected.size(), actual.size(), missing.size(),
        unexpected.size(), String.join(" | ", COLUMNS)));
    sb.append("first missing rows:\n");
    missing.stream().limit(20).forEach(r -> sb.append("  ").append(r).append('\n'));
    sb.append("first unexpected rows:\n");
    unexpected.stream().limit(20).forEach(r -> sb.append("  ").append(r).append('\n'));
    return sb.toString();
  }
}
