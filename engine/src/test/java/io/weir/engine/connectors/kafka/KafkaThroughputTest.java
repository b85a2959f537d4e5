package io.weir.engine.connectors.kafka;

import static io.weir.engine.connectors.kafka.KafkaTestSupport.context;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.SourceRecords;
import io.weir.engine.operators.RowBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of the sink writer and the reader on a pre-filled topic, beside a bare consumer.
 * A smoke size by default; {@code -Dweir.kafka.bench.records=2000000} for a real measurement.
 * Prints the numbers; asserts only that every record arrived.
 */
class KafkaThroughputTest {
  static final int RECORDS = Integer.getInteger("weir.kafka.bench.records", 100_000);
  static final int PARTITIONS = 3;
  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  final KafkaConnector connector = new KafkaConnector();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void writeThenRead() {
    kafka.createTopic("bench", PARTITIONS);
    String compression = System.getProperty("weir.kafka.bench.compression", "lz4");
    long t0 = System.nanoTime();
    try (SinkWriter w = connector.createWriter(table("bench", Map.of("topic", "bench",
        "properties.compression.type", compression)), context("bench-w", kafka.bootstrapServers(), dir))) {
      w.open();
      RowBatch batch = new RowBatch(1024);
      for (long i = 0; i < RECORDS; i++) {
        batch.add(new Object[] {i, "name-" + (i % 1000)});
        if (batch.size() == 1024) {
          w.write(batch);
          batch.clear();
        }
      }
      w.write(batch);
      w.flush();
    }
    report("sink writer (" + compression + ")", RECORDS, System.nanoTime() - t0);

    for (int round = 0; round < 2; round++) {
      long b0 = System.nanoTime();
      assertEquals(RECORDS, bareConsumer());
      report("bare consumer", RECORDS, System.nanoTime() - b0);

      long r0 = System.nanoTime();
      long[] count = new long[1];
      SourceRecords counter = new SourceRecords() {
        @Override
        public void row(int split, Object[] row, byte[] original) {
          count[0]++;
        }

        @Override
        public void malformed(int split, byte[] original, String reason, String position,
            Map<String, String> metadata) {
          throw new AssertionError(reason);
        }
      };
      try (SourceReader r = connector.createReader(table("bench", Map.of("topic", "bench",
          "scan.startup.mode", "earliest-offset", "scan.bounded.mode", "latest-offset")),
          context("bench-r", kafka.bootstrapServers(), dir))) {
        r.open();
        while (r.poll(counter, 4096, 100)) {
          // counting
        }
      }
      assertEquals(RECORDS, count[0]);
      report("reader + JSON decode", RECORDS, System.nanoTime() - r0);
    }
  }

  private static long bareConsumer() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "max.poll.records", 8192, "max.partition.fetch.bytes", 4 << 20),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = List.of(new TopicPartition("bench", 0),
          new TopicPartition("bench", 1), new TopicPartition("bench", 2));
      c.assign(parts);
      c.seekToBeginning(parts);
      long n = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (n < RECORDS && System.nanoTime() < deadline) {
        n += c.poll(Duration.ofMillis(100)).count();
      }
      return n;
    }
  }

  private static void report(String what, long n, long nanos) {
    double perSecond = n / (nanos / 1e9);
    System.out.printf("kafka throughput: %-28s %,d records in %,d ms = %,.0f records/s%n", what, n,
        TimeUnit.NANOSECONDS.toMillis(nanos), perSecond);
  }
}
