package io.weir.engine.connectors.kafka;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.metrics.QueryMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared pieces of the Kafka connector tests: a context, a record collector, raw clients. */
final class KafkaTestSupport {
  private KafkaTestSupport() {}

  /** Columns id BIGINT, name STRING. */
  static final Schema SCHEMA = Schema.of(
      new Field("id", DataType.of(DataType.Kind.BIGINT)),
      new Field("name", DataType.of(DataType.Kind.STRING)));

  static ConnectorContext context(String queryId, String defaultBootstrap, Path workDir) {
    return new ConnectorContext(queryId, workDir, defaultBootstrap, System.out, new QueryMetrics());
  }

  static TableDescriptor table(String name, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(options);
    all.putIfAbsent("connector", "kafka");
    all.putIfAbsent("format", "json");
    return new TableDescriptor(name, SCHEMA, all);
  }

  static byte[] json(long id) {
    return ("{\"id\":" + id + ",\"name\":\"n" + id + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 5,
        "batch.size", 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes ids {@code from..to-1}, id {@code i} to partition {@code i % partitions}. */
  static void produce(EmbeddedKafka kafka, String topic, int partitions, long from, long to) {
    try (KafkaProducer<byte[], byte[]> p = producer(kafka)) {
      for (long i = from; i < to; i++) {
        p.send(new ProducerRecord<>(topic, (int) (i % partitions), null, json(i)));
      }
      p.flush();
    }
  }

  static void produceRaw(EmbeddedKafka kafka, String topic, List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> p = producer(kafka)) {
      for (byte[] v : values) {
        p.send(new ProducerRecord<>(topic, 0, null, v));
      }
      p.flush();
    }
  }

  /** Every record of a topic, read with a plain consumer until {@code n} arrived (20 s at most). */
  static List<ConsumerRecord<byte[], byte[]>> readRaw(EmbeddedKafka kafka, String topic, int n) {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (out.size() < n && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }

  /** A malformed record as the reader reported it. */
  record Malformed(int split, byte[] original, String reason, String position, Map<String, String> metadata) {}

  /** Collects what a reader hands over. */
  static final class Collector implements SourceRecords {
    final List<Integer> splits = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    final List<byte[]> originals = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();

    @Override
    public void row(int split, Object[] row, byte[] original) {
      splits.add(split);
      rows.add(row);
      originals.add(original);
    }

    @Override
    public void malformed(int split, byte[] original, String reason, String position,
        Map<String, String> metadata) {
      malformed.add(new Malformed(split, original, reason, position, Map.copyOf(metadata)));
    }

    int count() {
      return rows.size() + malformed.size();
    }

    List<Long> ids() {
      return rows.stream().map(r -> (Long) r[0]).toList();
    }
  }

  /**
   * Polls until {@code n} records (rows and malformed) arrived, or 20 s passed, or a bounded
   * reader ended; never asks for more than {@code n} in total.
   */
  static Collector pollUntil(SourceReader reader, int n) {
    Collector c = new Collector();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (c.count() < n && System.nanoTime() < deadline) {
      if (!reader.poll(c, n - c.count(), 100)) {
        break;
      }
    }
    return c;
  }

  /** Polls for {@code millis} and returns everything handed over in that time. */
  static Collector pollFor(SourceReader reader, long millis) {
    Collector c = new Collector();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (!reader.poll(c, 10_000, 50)) {
        break;
      }
    }
    return c;
  }
}
