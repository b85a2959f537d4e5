package io.weir.engine.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.runtime.QueryState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL from a Kafka table to a Kafka table on the real embedded broker: exact window results,
 * malformed records counted and dead-lettered with their position, late records counted and
 * routed.
 */
class KafkaEndToEndTest {
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

  @Test
  void windowedCountsFromKafkaToKafkaWithDeadLettersAndLateRecords() throws Exception {
    kafka.createTopic("readings", 1);
    List<String> records = new ArrayList<>();
    // sensor a: 3 rows in [0,10), 1 in [10,20); sensor b: 2 in [0,10), 1 in [20,30)
    records.add(row("a", "2024-01-01 00:00:01", 1.0));
    records.add(row("b", "2024-01-01 00:00:02", 2.0));
    records.add("{not json");
    records.add(row("a", "2024-01-01 00:00:05", 3.0));
    records.add(row("a", "2024-01-01 00:00:04", 4.0)); // out of order, within the 2 s delay
    records.add("{\"sensor\": \"a\", \"ts\": \"yesterday\", \"v\": 1}");
    records.add(row("b", "2024-01-01 00:00:09", 5.0));
    records.add(row("a", "2024-01-01 00:00:12", 6.0)); // watermark 10 s: [0,10) fires
    records.add(row("b", "2024-01-01 00:00:08", 7.0)); // late: its only window has fired
    records.add(row("b", "2024-01-01 00:00:25", 8.0));
    records.add("[1, 2]");
    produce("readings", records);

    String bootstrap = kafka.bootstrapServers();
    String script = """
        CREATE TABLE readings (
          sensor STRING, ts TIMESTAMP(3), v DOUBLE,
          WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
        ) WITH (
          'connector' = 'kafka', 'topic' = 'readings',
          'properties.bootstrap.servers' = '%1$s',
          'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
          'format' = 'json',
          'dead-letter.topic' = 'readings-dlq', 'late-data.topic' = 'readings-late');
        CREATE TABLE counts (sensor STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          n BIGINT, total DOUBLE) WITH (
          'connector' = 'kafka', 'topic' = 'counts', 'properties.bootstrap.servers' = '%1$s',
          'format' = 'json');
        INSERT INTO counts
        SELECT sensor, window_start, window_end, COUNT(*), SUM(v)
        FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY sensor, window_start, window_end;
        """.formatted(bootstrap);
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("engine")))) {
      List<StatementResult> results = engine.execute(script);
      Query query = ((StatementResult.QueryStarted) results.get(2)).query();
      assertTrue(query.await(60, TimeUnit.SECONDS), "the bounded query should finish");
      assertEquals(QueryState.FINISHED, query.state(), () -> String.valueOf(query.error()));
      assertEquals(3, query.metrics().malformedRows.sum());
      assertEquals(1, query.metrics().lateRows.sum());
      assertEquals(11, query.metrics().rowsIn.sum() + query.metrics().malformedRows.sum());
    }

    Map<String, String> expected = new TreeMap<>();
    expected.put("a|2024-01-01 00:00:00", "{\"sensor\":\"a\",\"window_start\":\"2024-01-01 00:00:00\",\"window_end\":\"2024-01-01 00:00:10\",\"n\":3,\"total\":8.0}");
    expected.put("b|2024-01-01 00:00:00", "{\"sensor\":\"b\",\"window_start\":\"2024-01-01 00:00:00\",\"window_end\":\"2024-01-01 00:00:10\",\"n\":2,\"total\":7.0}");
    expected.put("a|2024-01-01 00:00:10", "{\"sensor\":\"a\",\"window_start\":\"2024-01-01 00:00:10\",\"window_end\":\"2024-01-01 00:00:20\",\"n\":1,\"total\":6.0}");
    expected.put("b|2024-01-01 00:00:20", "{\"sensor\":\"b\",\"window_start\":\"2024-01-01 00:00:20\",\"window_end\":\"2024-01-01 00:00:30\",\"n\":1,\"total\":8.0}");
    List<ConsumerRecord<byte[], byte[]>> out = consumeAll("counts", 4);
    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : out) {
      String json = new String(r.value(), StandardCharsets.UTF_8);
      String key = json.replaceAll(".*\"sensor\":\"(\\w)\",\"window_start\":\"([^\"]+)\".*", "$1|$2");
      assertEquals(null, actual.put(key, json), "duplicate window " + key);
    }
    assertEquals(expected, actual);

    List<ConsumerRecord<byte[], byte[]>> dead = consumeAll("readings-dlq", 3);
    assertEquals(3, dead.size());
    assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
    Map<String, String> headers = headers(dead.get(0));
    assertEquals("readings", headers.get("topic"));
    assertEquals("0", headers.get("partition"));
    assertEquals("2", headers.get("offset"));
    assertNotNull(headers.get("reason"));
    assertEquals("5", headers(dead.get(1)).get("offset"));
    assertEquals("10", headers(dead.get(2)).get("offset"));

    List<ConsumerRecord<byte[], byte[]>> late = consumeAll("readings-late", 1);
    assertEquals(row("b", "2024-01-01 00:00:08", 7.0), new String(late.get(0).value(), StandardCharsets.UTF_8));
  }

  private static String row(String sensor, String ts, double v) {
    return "{\"sensor\":\"" + sensor + "\",\"ts\":\"" + ts + "\",\"v\":" + v + "}";
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> m = new HashMap<>();
    for (Header h : r.headers()) {
      m.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static void produce(String topic, List<String> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, 0, null, v.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /** Every record of partition 0 of a topic, waiting until at least {@code atLeast} arrived. */
  private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while ((out.size() < atLeast || consumer.position(tp) < end) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        end = consumer.endOffsets(List.of(tp)).get(tp);
      }
    }
    return out;
  }
}
