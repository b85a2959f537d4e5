package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.runtime.QueryState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure on a real broker: a deliberately slow model (50 ms per call, one worker, 20 rows
 * in flight) behind three Kafka partitions, with {@code max.poll.interval.ms} at 2 s while the
 * whole input takes far longer to score. The partitions are paused (seen in the metrics), the
 * consumer keeps polling, and every row comes out exactly once, in per-partition order.
 */
class BackpressureTest {
  @TempDir Path dir;

  @Test
  void aSlowModelPausesThePartitionsAndLosesOrDuplicatesNothing() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      kafka.createTopic("events", 3);
      kafka.createTopic("scored", 1);
      int n = 900;
      Map<String, Object> pconf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> p = new KafkaProducer<>(pconf, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < n; i++) {
          p.send(new ProducerRecord<>("events", i % 3, null, "{\"id\":" + i + ",\"v\":" + i + ".0}"));
        }
        p.flush();
      }
      try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("data"))
          .withKafkaBootstrap(kafka.bootstrapServers()).withCommitIntervalMillis(300))) {
        Path jar = ExampleFunctions.jar(dir.resolve("examples.jar"));
        try (InputStream in = Files.newInputStream(jar)) {
          engine.udfs().putJar("examples", in);
        }
        List<StatementResult> results = engine.execute("""
            CREATE FUNCTION slow AS 'com.example.udf.Doubler' USING JAR 'examples'
              WITH ('sleep-ms' = '50', 'udf.workers' = '1', 'udf.batch-size' = '10',
                    'udf.max-in-flight' = '20');
            CREATE TABLE events (id BIGINT, v DOUBLE) WITH ('connector' = 'kafka',
              'topic' = 'events', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json',
              'properties.max.poll.interval.ms' = '2000', 'properties.group.id' = 'bp');
            CREATE TABLE scored (id BIGINT, d DOUBLE) WITH ('connector' = 'kafka',
              'topic' = 'scored', 'format' = 'json');
            INSERT INTO scored SELECT id, slow(v) FROM events;
            """);
        Query q = ((StatementResult.QueryStarted) results.get(results.size() - 1)).query();
        long maxPaused = 0;
        long maxInFlight = 0;
        Map<Integer, Long> out = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Object> cconf = new HashMap<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cconf, new StringDeserializer(), new StringDeserializer())) {
          TopicPartition tp = new TopicPartition("scored", 0);
          c.assign(List.of(tp));
          c.seekToBeginning(List.of(tp));
          int duplicates = 0;
          while (out.size() < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
              String json = r.value();
              int id = Integer.parseInt(json.replaceAll(".*\"id\":(\\d+).*", "$1"));
              double d = Double.parseDouble(json.replaceAll(".*\"d\":([0-9.E]+).*", "$1"));
              assertEquals(2.0 * id, d, json);
              if (out.put(id, r.offset()) != null) {
                duplicates++;
              }
            }
            maxPaused = Math.max(maxPaused, q.metrics().pausedSplits.get());
            FunctionMetrics fm = q.metrics().functions.get("slow");
            if (fm != null) {
              maxInFlight = Math.max(maxInFlight, fm.inFlight.get());
            }
            assertTrue(!q.state().isTerminal(), () -> "query " + q.state() + ": " + q.error());
          }
          assertEquals(0, duplicates, "no row written twice");
        }
        assertEquals(n, out.size(), "every row scored once");
        // Per partition, ids (i % 3 == p) come out in increasing order.
        for (int p = 0; p < 3; p++) {
          long lastOffset = -1;
          for (int id = p; id < n; id += 3) {
            long offset = out.get(id);
            assertTrue(offset > lastOffset, "partition " + p + " order at id " + id);
            lastOffset = offset;
          }
        }
        assertEquals(3, maxPaused, "all three partitions were paused at some point");
        assertTrue(q.metrics().pauses.sum() > 0);
        assertTrue(maxInFlight <= 20, "in flight stayed within its bound: " + maxInFlight);
        FunctionMetrics fm = q.metrics().functions.get("slow");
        assertTrue(fm.batchSizes.max() <= 10, "batches of at most 10: " + fm.batchSizes.max());
        assertEquals(n, fm.rows.sum());
        engine.stop(q.id());
        assertEquals(QueryState.STOPPED, q.state(), () -> String.valueOf(q.error()));
      }
    }
  }
}
