package io.weir.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.errors.WeirException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of the {@code kafka-hop} workload: a broker (in-process unless one is given), a
 * topic of N JSON bid records filled once per N before anything is measured, and the baseline the
 * workload is compared with: a bare {@link KafkaConsumer} that reads the same topic and parses
 * every record with Jackson's streaming parser, measured in the same run.
 *
 * <p>Records are {@code {"seq":…,"auction":…,"bidder":…,"price":…}} with {@code seq} counting
 * from 0, so the table computes event time from it exactly as the issue's {@code bid} table does.
 * One partition: the engine runs at parallelism 1. Not thread-safe.
 */
public final class KafkaBench implements AutoCloseable {
  /** Consumer settings shared by the baseline and the engine's reader defaults. */
  private static final int MAX_POLL_RECORDS = 8192;
  private static final int MAX_PARTITION_FETCH_BYTES = 4 * 1024 * 1024;
  private static final int RECEIVE_BUFFER = 1024 * 1024;

  private final EmbeddedKafka embedded;
  private final String bootstrap;
  private final PrintStream log;
  private final Set<Long> filled = new HashSet<>();
  private final JsonFactory json = new JsonFactory();

  private KafkaBench(EmbeddedKafka embedded, String bootstrap, PrintStream log) {
    this.embedded = embedded;
    this.bootstrap = bootstrap;
    this.log = log;
  }

  /**
   * Connects to {@code bootstrap}, or starts a broker in-process with its data under {@code dir}
   * when it is null.
   */
  public static KafkaBench start(String bootstrap, Path dir, PrintStream log) {
    if (bootstrap != null) {
      return new KafkaBench(null, bootstrap, log);
    }
    log.println("bench: starting an in-process Kafka broker in " + dir);
    EmbeddedKafka kafka = EmbeddedKafka.start(dir);
    return new KafkaBench(kafka, kafka.bootstrapServers(), log);
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  static String topic(long events) {
    return "bench-bid-" + events;
  }

  /** The {@code kafka-hop} script: the issue's {@code bid} table read from the topic of N events. */
  public static String script(long events) {
    return """
        CREATE TABLE bid (
          seq BIGINT, auction BIGINT, bidder BIGINT, price BIGINT,
          ts AS TO_TIMESTAMP_LTZ(seq / 10, 3),          -- event time advances 10,000 events per second
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH (
          'connector' = 'kafka', 'topic' = '%s', 'format' = 'json',
          'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        """.formatted(topic(events)) + Workloads.hop(2, 10);
  }

  /** Creates and fills the topic of N events, unless this bench already did. */
  public void fill(long events) {
    if (!filled.add(events)) {
      return;
    }
    String topic = topic(events);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
          .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"))))
          .all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        log.println("bench: topic " + topic + " exists; using it as it is");
        return;
      }
      throw WeirException.external("cannot create topic " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw WeirException.external("cannot create topic " + topic + ": " + e, e);
    }
    Map<String, Object> conf = new HashMap<>();
    conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    conf.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    conf.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    conf.put(ProducerConfig.ACKS_CONFIG, "1");
    long t0 = System.nanoTime();
    SplittableRandom random = new SplittableRandom(42);
    StringBuilder sb = new StringBuilder(96);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(conf)) {
      for (long seq = 0; seq < events; seq++) {
        sb.setLength(0);
        sb.append("{\"seq\":").append(seq)
            .append(",\"auction\":").append(1000 + random.nextInt(10_000))
            .append(",\"bidder\":").append(1 + random.nextInt(100_000))
            .append(",\"price\":").append(1 + random.nextInt(100_000)).append('}');
        producer.send(new ProducerRecord<>(topic, 0, null,
            sb.toString().getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    log.printf(Locale.ROOT, "bench: filled %s with %,d records in %.1f s%n", topic, events,
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The baseline: a bare consumer reads the topic of N events from the start to its end and
   * parses every record with Jackson's streaming parser (every field read as a long).
   */
  public Baseline baseline(long events) {
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    String topic = topic(events);
    Map<String, Object> conf = new HashMap<>();
    conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + System.nanoTime());
    conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    conf.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    conf.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
    conf.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, RECEIVE_BUFFER);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(conf)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
      long total = ends.values().stream().mapToLong(Long::longValue).sum();
      long read = 0;
      long checksum = 0;
      long first = 0;
      long cpu0 = 0;
      long threadCpu0 = 0;
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      while (read < total) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (first == 0 && !records.isEmpty()) {
          first = System.nanoTime();
          cpu0 = os.getProcessCpuTime();
          threadCpu0 = threads.getCurrentThreadCpuTime();
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          checksum += parse(r.value());
          read++;
        }
      }
      double seconds = (System.nanoTime() - first) / 1e9;
      double cpuPerRecord = (os.getProcessCpuTime() - cpu0) / (double) read;
      double threadCpuPerRecord = (threads.getCurrentThreadCpuTime() - threadCpu0) / (double) read;
      double rate = read / seconds;
      log.printf(Locale.ROOT, "bench: bare consumer + Jackson parse: %,d records in %.2f s = "
          + "%,.0f records/s, %.0f ns of process CPU and %.0f ns of the consumer thread's per"
          + " record (checksum %d)%n", read, seconds, rate, cpuPerRecord, threadCpuPerRecord,
          checksum & 0xff);
      return new Baseline(rate, cpuPerRecord);
    }
  }

  /** Sums every number of one JSON object: the work of turning the record into values. */
  private long parse(byte[] value) {
    try (JsonParser p = json.createParser(value)) {
      long sum = 0;
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw WeirException.internal("bench record is not a JSON object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        p.nextToken();
        sum += p.getLongValue();
      }
      return sum;
    } catch (IOException e) {
      throw WeirException.internal("bench record does not parse: " + e, e);
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
