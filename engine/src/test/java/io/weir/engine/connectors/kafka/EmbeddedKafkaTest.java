package io.weir.engine.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process broker: start, produce, consume, restart on the same data and port. */
class EmbeddedKafkaTest {

  @TempDir Path dir;

  @Test
  void keepsRecordsOffsetsAndPortAcrossRestart() throws Exception {
    int port;
    long t0 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.println("embedded Kafka first start: " + startMs + " ms");
      port = kafka.port();
      assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
      kafka.createTopic("events", 3);
      kafka.createTopic("events", 3); // idempotent
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        assertEquals(3, admin.describeTopics(List.of("events")).allTopicNames().get()
            .get("events").partitions().size());
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "events");
        ConfigEntry retention = admin.describeConfigs(List.of(res)).all().get().get(res).get("retention.ms");
        assertEquals("-1", retention.value());
      }
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        // Stamped in 2001: retention must not delete it.
        for (int i = 0; i < 30; i++) {
          producer.send(new ProducerRecord<>("events", i % 3, 1_000_000_000_000L + i, null,
              ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "g1")) {
        TopicPartition p0 = new TopicPartition("events", 0);
        consumer.assign(List.of(p0));
        consumer.seekToBeginning(List.of(p0));
        List<String> values = pollAll(consumer, 10);
        assertEquals(10, values.size());
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(4)));
      }
      assertNull(kafka.fatalFault());
    }
    long t1 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, port)) {
      System.out.println("embedded Kafka restart: "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) + " ms");
      assertEquals(port, kafka.port());
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "g1")) {
        TopicPartition p0 = new TopicPartition("events", 0);
        OffsetAndMetadata committed = consumer.committed(Set.of(p0)).get(p0);
        assertEquals(4, committed.offset());
        consumer.assign(List.of(p0));
        consumer.seek(p0, committed.offset());
        List<String> values = pollAll(consumer, 6);
        assertEquals(List.of("v12", "v15", "v18", "v21", "v24", "v27"), values);
      }
      // Auto-created topics work too, with one partition.
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>("auto", "x".getBytes(StandardCharsets.UTF_8))).get();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        assertEquals(1, admin.describeTopics(List.of("auto")).allTopicNames().get()
            .get("auto").partitions().size());
      }
      long c0 = System.nanoTime();
      kafka.close();
      long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0);
      System.out.println("embedded Kafka close: " + closeMs + " ms");
      assertTrue(closeMs < 10_000, "close took " + closeMs + " ms");
    }
  }

  @Test
  void aReaderKeepsReadingAcrossABrokerRestartOnTheSamePort() {
    Path data = dir.resolve("restart");
    EmbeddedKafka kafka = EmbeddedKafka.start(data);
    int port = kafka.port();
    KafkaConnector connector = new KafkaConnector();
    io.weir.engine.connectors.TableDescriptor table = KafkaTestSupport.table("t",
        Map.of("topic", "moving", "scan.startup.mode", "earliest-offset"));
    try (io.weir.engine.connectors.SourceReader reader = connector.createReader(table,
        KafkaTestSupport.context("q-restart", kafka.bootstrapServers(), dir))) {
      reader.open();
      KafkaTestSupport.produce(kafka, "moving", 1, 0, 5);
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), KafkaTestSupport.pollUntil(reader, 5).ids());
      reader.commit();
      kafka.close();
      kafka = EmbeddedKafka.start(data, port);
      KafkaTestSupport.produce(kafka, "moving", 1, 5, 8);
      assertEquals(List.of(5L, 6L, 7L), KafkaTestSupport.pollUntil(reader, 3).ids());
      reader.commit();
    } finally {
      kafka.close();
    }
  }

  @Test
  void transactionsCommitAndAbort() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("tx"))) {
      kafka.createTopic("tx", 1);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "transactional.id", "weir-test-tx"),
          new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "aborted".getBytes(StandardCharsets.UTF_8)));
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "committed".getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
      }
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        TopicPartition p0 = new TopicPartition("tx", 0);
        consumer.assign(List.of(p0));
        consumer.seekToBeginning(List.of(p0));
        assertEquals(List.of("committed"), pollAll(consumer, 1));
      }
    }
  }

  @Test
  void aTakenPortIsAnExternalErrorNamingIt() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      io.weir.engine.errors.WeirException e = org.junit.jupiter.api.Assertions.assertThrows(
          io.weir.engine.errors.WeirException.class,
          () -> EmbeddedKafka.start(dir.resolve("taken"), taken.getLocalPort()));
      assertEquals(io.weir.engine.errors.WeirException.Kind.EXTERNAL, e.kind());
      assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
    }
  }

  static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer());
  }

  static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafka kafka, String group) {
    return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", group, "enable.auto.commit", false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<String> pollAll(KafkaConsumer<byte[], byte[]> consumer, int n) {
    List<String> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (out.size() < n && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        out.add(new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
