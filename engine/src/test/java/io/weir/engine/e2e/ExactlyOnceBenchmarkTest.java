package io.weir.engine.e2e;

import static io.weir.engine.testing.Await.await;
import static io.weir.engine.e2e.KafkaIo.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.runtime.QueryState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What exactly-once costs, and how long a restore takes: the same HOP(2 s, 10 s) query over the
 * same pre-filled topic in {@code exactly_once} and {@code at_least_once}; and a state of many
 * keys restored from its changelog after the local store is lost. A smoke size by default ({@code
 * -Dweir.eos.bench.events=1000000}, {@code -Dweir.eos.bench.keys=1000000} for real numbers).
 * Prints the numbers; asserts that every record was read and the state fully restored.
 */
class ExactlyOnceBenchmarkTest {
  static final int EVENTS = Integer.getInteger("weir.eos.bench.events", 50_000);
  static final int KEYS = Integer.getInteger("weir.eos.bench.keys", 20_000);
  static final long BASE = 1_704_067_200_000L;
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

  /** Writes {@code n} events, key k{i % keys}, one every {@code stepMillis}, to partition 0. */
  static void fill(String topic, int n, int keys, long stepMillis) {
    kafka.createTopic(topic, 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        String json = "{\"k\":\"k" + (i % keys) + "\",\"v\":" + i + ",\"ts\":\""
            + ts(BASE + i * stepMillis) + "\"}";
        producer.send(new ProducerRecord<>(topic, 0, null, json.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  static String script(String in, String out, String window) {
    return """
        CREATE TABLE %1$s (k STRING, v BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
        WITH ('connector' = 'kafka', 'topic' = '%1$s', 'format' = 'json',
              'properties.bootstrap.servers' = '%3$s', 'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE %2$s (k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          cnt BIGINT, total BIGINT)
        WITH ('connector' = 'kafka', 'topic' = '%2$s', 'format' = 'json',
              'properties.bootstrap.servers' = '%3$s');
        INSERT INTO %2$s SELECT k, window_start, window_end, COUNT(*), SUM(v)
        FROM TABLE(%4$s) GROUP BY k, window_start, window_end;
        """.formatted(in, out, kafka.bootstrapServers(), window);
  }

  static Query run(Engine engine, String script, Map<String, String> props) {
    List<StatementResult> results = engine.execute(script, props);
    return ((StatementResult.QueryStarted) results.get(results.size() - 1)).query();
  }

  /**
   * Reads the topic with the query: records per second from RUNNING to the last record, and the
   * CPU time of this whole process (query, producer threads and the broker) per million records.
   */
  static double[] throughput(String guarantee, String in, String out) {
    return throughput(guarantee, in, out, Map.of());
  }

  static double[] throughput(String guarantee, String in, String out, Map<String, String> more) {
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("tp-" + out)))) {
      Query q = run(engine, script(in, out,
          "HOP(TABLE " + in + ", DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)"),
          with(more, "processing.guarantee", guarantee));
      await("running", Duration.ofSeconds(60), () -> q.state() == QueryState.RUNNING);
      long t0 = System.nanoTime();
      long cpu0 = os.getProcessCpuTime();
      await("every record read", Duration.ofMinutes(10), () -> {
        assertTrue(q.state() == QueryState.RUNNING, () -> q.state() + ": " + q.error());
        return q.metrics().rowsIn.sum() == EVENTS;
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
      return new double[] {EVENTS / seconds, cpuSeconds * 1e6 / EVENTS};
    }
  }

  static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> out = new java.util.HashMap<>(m);
    out.put(k, v);
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  void exactlyOnceAgainstAtLeastOnceOnTheSameQuery() {
    fill("bench_in", EVENTS, 100, 10);
    // Warm up the JIT and the broker on a first pass, then alternate the two modes.
    throughput("at_least_once", "bench_in", "bench_warm");
    int rounds = Integer.getInteger("weir.eos.bench.rounds", 1);
    double[][] alo = new double[2][rounds];
    double[][] eos = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      double[] a = throughput("at_least_once", "bench_in", "bench_alo_" + r);
      double[] e = throughput("exactly_once", "bench_in", "bench_eos_" + r);
      alo[0][r] = a[0];
      alo[1][r] = a[1];
      eos[0][r] = e[0];
      eos[1][r] = e[1];
      System.out.printf("round %d: at_least_once %.0f rec/s %.2f cpu-s/M, exactly_once %.0f rec/s"
          + " %.2f cpu-s/M%n", r, a[0], a[1], e[0], e[1]);
    }
    System.out.printf("HOP(2 s, 10 s), %d events, 100 keys, median of %d: at_least_once %.0f rec/s"
        + " (%.2f CPU-s per million), exactly_once %.0f rec/s (%.2f CPU-s per million):"
        + " %.0f%% of the throughput, %.0f%% of the CPU%n", EVENTS, rounds, median(alo[0]),
        median(alo[1]), median(eos[0]), median(eos[1]), 100 * median(eos[0]) / median(alo[0]),
        100 * median(eos[1]) / median(alo[1]));
    assertTrue(median(alo[0]) > 0 && median(eos[0]) > 0);
    // The commit interval trades latency (results become visible at commits) for throughput.
    for (String interval : System.getProperty("weir.eos.bench.intervals", "").split(",")) {
      if (!interval.isBlank()) {
        double[] e = throughput("exactly_once", "bench_in", "bench_eos_" + interval.replace(' ', '_'),
            Map.of("commit.interval", interval));
        System.out.printf("exactly_once with commit.interval %s: %.0f rec/s, %.2f CPU-s per million%n",
            interval, e[0], e[1]);
      }
    }
  }

  @Test
  void restoreOfManyKeysFromTheChangelog() throws Exception {
    fill("restore_in", KEYS, KEYS, 0);
    Path data = dir.resolve("restore");
    String script = script("restore_in", "restore_out",
        "TUMBLE(TABLE restore_in, DESCRIPTOR(ts), INTERVAL '1' HOUR)");
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = run(engine, script, Map.of(Engine.QUERY_ID, "restore-bench"));
      await("every record read", Duration.ofMinutes(10), () -> q.metrics().rowsIn.sum() == KEYS);
    }
    // The local store is lost: everything comes back from the changelog.
    ExactlyOnceTest.deleteRecursively(data.resolve("queries"));
    assertTrue(!Files.exists(data.resolve("queries")));
    try (Engine engine = new Engine(Engine.Config.defaults(data))) {
      Query q = run(engine, script,
          Map.of(Engine.QUERY_ID, "restore-bench", "weir.resume", "true"));
      await("running", Duration.ofMinutes(10), () -> {
        assertTrue(q.state() != QueryState.FAILED, () -> String.valueOf(q.error()));
        return q.state() == QueryState.RUNNING;
      });
      System.out.printf("restored %d changelog records (%d keys) in %d ms%n", q.restoredRecords(),
          KEYS, q.restoreMillis());
      assertTrue(q.restoredRecords() >= KEYS, "every key comes back: " + q.restoredRecords());
      assertEquals(KEYS, q.metrics().rowsIn.sum(), "the counters come back too");
      assertTrue(q.await(0, TimeUnit.MILLISECONDS) || q.state() == QueryState.RUNNING);
    }
  }
}
