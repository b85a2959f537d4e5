package io.weir.engine.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/** Plain Kafka clients for the end-to-end tests: produce JSON lines, read topics to their end. */
final class KafkaIo {
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private KafkaIo() {}

  static String ts(long millis) {
    return TS.format(Instant.ofEpochMilli(millis));
  }

  /** Epoch millis of a timestamp as the JSON format writes it ({@code 2024-01-01 00:00:01[.5]}). */
  static long millis(String text) {
    return Instant.parse(text.replace(' ', 'T') + "Z").toEpochMilli();
  }

  static void produce(String bootstrap, String topic, List<String> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, 0, null, v.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /**
   * Every record of partition 0 of {@code topic} up to its end as a consumer with {@code
   * isolation} sees it ({@code read_committed} stops at the last stable offset).
   */
  static List<ConsumerRecord<byte[], byte[]>> readToEnd(String bootstrap, String topic,
      String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  static String text(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
    try {
      return JSON.readTree(r.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> m = new HashMap<>();
    for (Header h : r.headers()) {
      m.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return m;
  }

  /** Output rows by {@code key|window_start}, each with every copy that was written. */
  static Map<String, List<JsonNode>> windows(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<JsonNode>> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      JsonNode row = json(r);
      String key = row.get("k").asText() + "|" + millis(row.get("window_start").asText());
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    return out;
  }
}
