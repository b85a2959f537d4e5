package io.weir.engine.e2e;

import static io.weir.engine.testing.Await.await;
import static io.weir.engine.e2e.KafkaIo.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.errors.WeirException;
import io.weir.engine.runtime.ProcessingGuarantee;
import io.weir.engine.runtime.QueryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once from Kafka to Kafka on the real embedded broker: state restored from the
 * changelog (or from a checkpointed local store after a clean stop), output exactly once across
 * restarts, rows invisible to {@code read_committed} readers until their commit, dead letters and
 * late records exact, and processing options checked at start.
 */
class ExactlyOnceTest {
  static final long BASE = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Event {@code i}: key k{i%3}, v = i, every 200 ms. */
  static String event(long i) {
    return "{\"k\":\"k" + (i % 3) + "\",\"v\":" + i + ",\"ts\":\"" + ts(BASE + i * 200) + "\"}";
  }

  static List<String> events(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(event(i));
    }
    return out;
  }

  static String ddl(String in, String out) {
    return """
        CREATE TABLE %1$s (k STRING, v BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'kafka', 'topic' = '%1$s', 'format' = 'json',
              'properties.bootstrap.servers' = '%3$s', 'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE %2$s (k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          cnt BIGINT, total BIGINT)
        WITH ('connector' = 'kafka', 'topic' = '%2$s', 'format' = 'json',
              'properties.bootstrap.servers' = '%3$s');
        """.formatted(in, out, kafka.bootstrapServers());
  }

  static String hop(String in, String out) {
    return "INSERT INTO " + out + " SELECT k, window_start, window_end, COUNT(*), SUM(v)"
        + " FROM TABLE(HOP(TABLE " + in + ", DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
        + " GROUP BY k, window_start, window_end;";
  }

  /** (key|window start) → [count, sum] of HOP(2 s, 10 s) over events {@code 0..n-1}. */
  static Map<String, long[]> oracle(long n, long watermark) {
    Map<String, long[]> out = new TreeMap<>();
    for (long i = 0; i < n; i++) {
      long t = BASE + i * 200;
      long lastEnd = Math.floorDiv(t, 2000) * 2000 + 2000;
      for (long end = lastEnd; end < lastEnd + 10_000; end += 2000) {
        if (end - 1 <= watermark) {
          long[] acc = out.computeIfAbsent("k" + (i % 3) + "|" + (end - 10_000), k -> new long[2]);
          acc[0]++;
          acc[1] += i;
        }
      }
    }
    return out;
  }

  static Query start(Engine engine, String script, Map<String, String> props) {
    List<StatementResult> results = engine.execute(script, props);
    return ((StatementResult.QueryStarted) results.get(results.size() - 1)).query();
  }

  static void awaitRunning(Query q) {
    await("query " + q.id() + " running", Duration.ofSeconds(30), () -> {
      assertTrue(q.state() != QueryState.FAILED, () -> String.valueOf(q.error()));
      return q.state() == QueryState.RUNNING;
    });
  }

  static List<String> problems(Map<String, List<JsonNode>> actual, Map<String, long[]> expected) {
    List<String> problems = new ArrayList<>();
    expected.forEach((key, acc) -> {
      List<JsonNode> rows = actual.get(key);
      if (rows == null) {
        problems.add("lost " + key);
      } else if (rows.size() > 1) {
        problems.add("duplicated " + key + " " + rows);
      } else if (rows.get(0).get("cnt").asLong() != acc[0] || rows.get(0).get("total").asLong() != acc[1]) {
        problems.add("wrong " + key + ": " + rows.get(0) + ", expected cnt=" + acc[0] + " total=" + acc[1]);
      }
    });
    actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> problems.add("unexpected " + k));
    return problems;
  }

  @Test
  void stateSurvivesStopsAndTheLossOfTheLocalStoreWithEveryWindowExactlyOnce() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("eo_in", 1);
    Path data = dir.resolve("restore");
    Map<String, String> props = Map.of(Engine.QUERY_ID, "restore-q");
    Map<String, String> resume = Map.of(Engine.QUERY_ID, "restore-q", "weir.resume", "true");

    // Run 1: the first 300 events (60 s of event time).
    KafkaIo.produce(bootstrap, "eo_in", events(0, 300));
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = start(engine, ddl("eo_in", "eo_out") + hop("eo_in", "eo_out"), props);
      awaitRunning(q);
      assertEquals(ProcessingGuarantee.EXACTLY_ONCE, q.processingGuarantee());
      assertEquals(100, q.commitIntervalMillis());
      await("rows in", Duration.ofSeconds(30), () -> q.metrics().rowsIn.sum() == 300);
    }

    // Run 2, after a clean stop: the checkpointed local store is reused, nothing is replayed.
    KafkaIo.produce(bootstrap, "eo_in", events(300, 600));
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = start(engine, ddl("eo_in", "eo_out") + hop("eo_in", "eo_out"), resume);
      awaitRunning(q);
      assertEquals(0, q.restoredRecords(), "a clean stop's checkpoint makes replaying unnecessary");
      await("rows in", Duration.ofSeconds(30), () -> q.metrics().rowsIn.sum() == 600);
    }

    // Run 3, after losing the local state directory: everything comes back from the changelog.
    Path queryDir = data.resolve("queries").resolve("restore-q");
    assertTrue(Files.isDirectory(queryDir), queryDir + " should exist");
    deleteRecursively(queryDir);
    KafkaIo.produce(bootstrap, "eo_in", events(600, 900));
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = start(engine, ddl("eo_in", "eo_out") + hop("eo_in", "eo_out"), resume);
      awaitRunning(q);
      assertTrue(q.restoredRecords() > 0, "the state is restored from the changelog");
      await("rows in", Duration.ofSeconds(30), () -> q.metrics().rowsIn.sum() == 900);
    }

    long watermark = BASE + 899 * 200 - 1000;
    Map<String, List<JsonNode>> out = KafkaIo.windows(KafkaIo.readToEnd(bootstrap, "eo_out", "read_committed"));
    Map<String, long[]> expected = oracle(900, watermark);
    List<String> problems = problems(out, expected);
    assertTrue(problems.isEmpty(), problems.size() + " problems: "
        + problems.subList(0, Math.min(10, problems.size())));
    assertTrue(expected.size() > 250, "the test covers many windows, got " + expected.size());
  }

  @Test
  void pendingRowsAreInvisibleToReadCommittedReadersUntilTheCommit() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("pc_in", 1);
    String script = """
        CREATE TABLE pc_in (k STRING, v BIGINT, ts TIMESTAMP(3))
        WITH ('connector' = 'kafka', 'topic' = 'pc_in', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s', 'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE pc_out (k STRING, v BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'pc_out', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s');
        INSERT INTO pc_out SELECT k, v FROM pc_in;
        """.formatted(bootstrap);
    KafkaIo.produce(bootstrap, "pc_in", events(0, 50));
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("pending")))) {
      Query q = start(engine, script, Map.of("commit.interval", "5 min", "transaction.timeout", "10 min"));
      awaitRunning(q);
      await("50 uncommitted rows", Duration.ofSeconds(30),
          () -> KafkaIo.readToEnd(bootstrap, "pc_out", "read_uncommitted").size() == 50);
      assertEquals(0, KafkaIo.readToEnd(bootstrap, "pc_out", "read_committed").size(),
          "rows of the open transaction are not visible to read_committed readers");
      engine.stop(q.id()); // the final commit
      assertEquals(QueryState.STOPPED, q.state());
    }
    List<ConsumerRecord<byte[], byte[]>> committed = KafkaIo.readToEnd(bootstrap, "pc_out", "read_committed");
    assertEquals(50, committed.size());
    assertEquals("{\"k\":\"k0\",\"v\":0}", KafkaIo.text(committed.get(0)));
  }

  @Test
  void deadLettersAndLateRecordsAreExactAcrossARestart() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("dl_in", 1);
    // 1000 records, every 10th corrupt; ten more records late for their window.
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      records.add(i % 10 == 9 ? "{corrupt " + i : event(i));
    }
    String script = """
        CREATE TABLE dl_in (k STRING, v BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'dl_in', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s', 'scan.startup.mode' = 'earliest-offset',
              'dead-letter.topic' = 'dl_dead', 'late-data.topic' = 'dl_late');
        CREATE TABLE dl_out (k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          cnt BIGINT, total BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'dl_out', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s');
        INSERT INTO dl_out SELECT k, window_start, window_end, COUNT(*), SUM(v)
        FROM TABLE(TUMBLE(TABLE dl_in, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY k, window_start, window_end;
        """.formatted(bootstrap);
    Path data = dir.resolve("deadletters");
    Map<String, String> props = Map.of(Engine.QUERY_ID, "dl-q");
    KafkaIo.produce(bootstrap, "dl_in", records.subList(0, 500));
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = start(engine, script, props);
      awaitRunning(q);
      await("500 records read", Duration.ofSeconds(30),
          () -> q.metrics().rowsIn.sum() + q.metrics().malformedRows.sum() == 500);
    }
    List<String> rest = new ArrayList<>(records.subList(500, 1000));
    for (int i = 0; i < 10; i++) {
      // 30 s behind the watermark: their window has fired.
      rest.add("{\"k\":\"late\",\"v\":" + i + ",\"ts\":\"" + ts(BASE + 150_000 + i) + "\"}");
    }
    // Far ahead: every window of the 1000 records fires.
    rest.add("{\"k\":\"end\",\"v\":0,\"ts\":\"" + ts(BASE + 1_000_000) + "\"}");
    KafkaIo.produce(bootstrap, "dl_in", rest);
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = start(engine, script, Map.of(Engine.QUERY_ID, "dl-q", "weir.resume", "true"));
      awaitRunning(q);
      await("every record read", Duration.ofSeconds(30),
          () -> q.metrics().rowsIn.sum() + q.metrics().malformedRows.sum() == 1011);
      assertEquals(100, q.metrics().malformedRows.sum(), "malformed records counted once each");
      assertEquals(911, q.metrics().rowsIn.sum());
      assertEquals(10, q.metrics().lateRows.sum());
    }

    List<ConsumerRecord<byte[], byte[]>> dead = KafkaIo.readToEnd(bootstrap, "dl_dead", "read_committed");
    assertEquals(100, dead.size());
    for (int j = 0; j < dead.size(); j++) {
      long offset = j * 10L + 9;
      Map<String, String> h = KafkaIo.headers(dead.get(j));
      assertEquals("{corrupt " + offset, KafkaIo.text(dead.get(j)));
      assertEquals("dl_in", h.get("topic"));
      assertEquals("0", h.get("partition"));
      assertEquals(Long.toString(offset), h.get("offset"));
      assertNotNull(h.get("reason"));
    }
    List<ConsumerRecord<byte[], byte[]>> late = KafkaIo.readToEnd(bootstrap, "dl_late", "read_committed");
    assertEquals(10, late.size());
    assertTrue(KafkaIo.text(late.get(0)).contains("\"k\":\"late\""), KafkaIo.text(late.get(0)));

    long counted = 0;
    Map<String, List<JsonNode>> out = KafkaIo.windows(KafkaIo.readToEnd(bootstrap, "dl_out", "read_committed"));
    for (Map.Entry<String, List<JsonNode>> e : out.entrySet()) {
      assertEquals(1, e.getValue().size(), "window " + e.getKey() + " once");
      counted += e.getValue().get(0).get("cnt").asLong();
    }
    assertEquals(900, counted, "the 900 good records are counted, each once");
  }

  @Test
  void processingOptionsThatCannotWorkAreRefusedAtStart() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("opt_in", 1);
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("options")))) {
      engine.execute(ddl("opt_in", "opt_out"));
      WeirException shorter = assertThrows(WeirException.class, () -> engine.execute(
          hop("opt_in", "opt_out"), Map.of("commit.interval", "5 s", "transaction.timeout", "1 s")));
      assertEquals(WeirException.Kind.USER, shorter.kind());
      assertTrue(shorter.getMessage().contains("'transaction.timeout' = 1000 ms is shorter than "
          + "'commit.interval' = 5000 ms"), shorter.getMessage());

      WeirException noKafkaSink = assertThrows(WeirException.class, () -> engine.execute("""
          CREATE TABLE opt_print (k STRING, v BIGINT) WITH ('connector' = 'blackhole');
          INSERT INTO opt_print SELECT k, v FROM opt_in;
          """, Map.of("processing.guarantee", "exactly_once")));
      assertTrue(noKafkaSink.getMessage().contains("needs a Kafka source and a Kafka sink"),
          noKafkaSink.getMessage());

      Query tooLong = start(engine, hop("opt_in", "opt_out"), Map.of("transaction.timeout", "2 h"));
      assertTrue(tooLong.await(30, TimeUnit.SECONDS));
      assertEquals(QueryState.FAILED, tooLong.state());
      assertTrue(tooLong.error().getMessage().contains("larger than the broker's "
          + "transaction.max.timeout.ms = 900000 ms"), tooLong.error().getMessage());
      assertEquals("USER", tooLong.failure().kind());

      Query atLeastOnce = start(engine, "INSERT INTO opt_print SELECT k, v FROM opt_in;", Map.of());
      assertEquals(ProcessingGuarantee.AT_LEAST_ONCE, atLeastOnce.processingGuarantee());
      assertEquals(1000, atLeastOnce.commitIntervalMillis());
    }
  }

  @Test
  void twoInstancesOfOneQueryFenceEachOtherOnceThenOneStops() throws Exception {
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("fence_in", 1);
    KafkaIo.produce(bootstrap, "fence_in", events(0, 100));
    String script = ddl("fence_in", "fence_out") + hop("fence_in", "fence_out");
    int produced = 100;
    try (Engine first = new Engine(Engine.Config.defaults(dir.resolve("fence-1")));
        Engine second = new Engine(Engine.Config.defaults(dir.resolve("fence-2")))) {
      Query a = start(first, script, Map.of(Engine.QUERY_ID, "fence-q"));
      awaitRunning(a);
      await("the first instance read the input", Duration.ofSeconds(30),
          () -> a.metrics().rowsIn.sum() == 100);
      // The second instance fences the first; each restarts once and fences the other back,
      // then the one fenced a second time stops.
      Query b = start(second, script, Map.of(Engine.QUERY_ID, "fence-q", "weir.resume", "true"));
      awaitRunning(b);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (a.state() != QueryState.FAILED && b.state() != QueryState.FAILED) {
        assertTrue(System.nanoTime() < deadline, "one instance should stop: " + a.state() + " "
            + b.state());
        KafkaIo.produce(bootstrap, "fence_in", events(produced, produced + 5));
        produced += 5;
        Thread.sleep(200);
      }
      Query stopped = a.state() == QueryState.FAILED ? a : b;
      Query survivor = stopped == a ? b : a;
      assertTrue(stopped.error().getMessage().contains("was fenced twice"),
          stopped.error().getMessage());
      assertEquals(WeirException.Kind.USER, stopped.error().kind());
      KafkaIo.produce(bootstrap, "fence_in", events(produced, produced + 50));
      produced += 50;
      int total = produced;
      await("the other instance reads on", Duration.ofSeconds(30), () -> {
        assertTrue(survivor.state() != QueryState.FAILED, () -> String.valueOf(survivor.error()));
        return survivor.state() == QueryState.RUNNING && survivor.metrics().rowsIn.sum() == total;
      });
    }
    long watermark = BASE + (produced - 1) * 200L - 1000;
    List<String> problems = problems(
        KafkaIo.windows(KafkaIo.readToEnd(bootstrap, "fence_out", "read_committed")),
        oracle(produced, watermark));
    assertTrue(problems.isEmpty(), problems.toString());
  }

  static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
