package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cli.client.WeirClient;
import io.weir.engine.testing.Await;
import io.weir.server.DataDir;
import io.weir.server.ServerOptions;
import io.weir.server.WeirServer;
import io.weir.server.api.QueryFailureInfo;
import io.weir.server.api.QueryInfo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poison record in {@code fail} mode (no dead-letter destination): the exactly-once query is
 * FAILED within seconds, REST and {@code weir queries} name the topic, partition, offset, operator
 * and cause, nothing read after the record's offset reaches the output, and after a server
 * restart the query fails again at the same offset.
 */
class PoisonRecordTest {
  static final int POISON_OFFSET = 40;
  @TempDir Path dir;
  WeirServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private WeirClient start(Path data) {
    server = WeirServer.start(ServerOptions.defaults(data).withPort(0));
    return new WeirClient(URI.create(server.url().toString()), DataDir.readToken(data));
  }

  @Test
  void poisonRecordFailsTheQueryAtItsOffsetBeforeAndAfterARestart() throws Exception {
    Path data = dir.resolve("data");
    WeirClient client = start(data);
    String bootstrap = server.kafkaBootstrap();
    server.embeddedKafka().createTopic("poison-in", 1);
    produce(bootstrap, 0, POISON_OFFSET);
    List<io.weir.server.api.StatementOutcome> started = client.execute("""
        CREATE TABLE poison_in (seq BIGINT, k STRING)
        WITH ('connector' = 'kafka', 'topic' = 'poison-in', 'format' = 'json',
              'scan.startup.mode' = 'earliest-offset');
        CREATE TABLE poison_out (seq BIGINT, k STRING)
        WITH ('connector' = 'kafka', 'topic' = 'poison-out', 'format' = 'json');
        INSERT INTO poison_out SELECT seq, k FROM poison_in;
        """, Map.of()).results();
    String id = started.get(started.size() - 1).queryId();
    // The records before the poison record are processed and committed first.
    Await.await("the first rows to be committed", Duration.ofSeconds(30),
        () -> committedOutput(bootstrap).size() == POISON_OFFSET);
    produce(bootstrap, POISON_OFFSET, 60);

    long t0 = System.nanoTime();
    Await.await("the query to fail", Duration.ofSeconds(20), () -> "FAILED".equals(client.query(id).state()));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertTrue(seconds < 10, "FAILED within seconds, took " + seconds + " s");
    assertFailedAtThePoisonRecord(client.query(id));
    assertEquals("exactly_once", client.query(id).processingGuarantee());

    Cli cli = Cli.run("queries", "--server", server.url().toString(), "--data-dir", data.toString());
    assertEquals(0, cli.exit, cli.toString());
    assertTrue(cli.out.contains("query " + id + " FAILED at operator 0-Source, topic poison-in "
        + "partition 0 offset " + POISON_OFFSET), cli.out);
    assertTrue(cli.out.contains("malformed record in table 'poison_in'"), cli.out);

    // Nothing read after the poison record's offset is output; its position is not committed.
    assertNothingAfterThePoisonRecord(bootstrap, id);

    // After a restart the query runs again from its committed position and fails at the same offset.
    server.close();
    server = null;
    WeirClient restarted = start(data);
    Await.await("the resumed query to fail", Duration.ofSeconds(60),
        () -> "FAILED".equals(restarted.query(id).state()));
    assertFailedAtThePoisonRecord(restarted.query(id));
    assertNothingAfterThePoisonRecord(server.kafkaBootstrap(), id);
  }

  private static void assertFailedAtThePoisonRecord(QueryInfo q) {
    QueryFailureInfo f = q.failure();
    assertTrue(f != null, q.toString());
    assertEquals("poison-in", f.topic(), f.toString());
    assertEquals(0, f.partition());
    assertEquals(POISON_OFFSET, f.offset());
    assertEquals("0-Source", f.operator());
    assertEquals("USER", f.kind());
    assertTrue(f.cause().contains("malformed record in table 'poison_in' at topic=poison-in "
        + "partition=0 offset=" + POISON_OFFSET), f.cause());
    assertTrue(q.error().contains("offset=" + POISON_OFFSET), q.error());
  }

  /** Records {@code from..to-1} of poison-in: {@code {"seq": i, "k": "a"}}, the poison record at its offset. */
  private static void produce(String bootstrap, int from, int to) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        String value = i == POISON_OFFSET ? "{\"seq\": 40, \"k\": " : "{\"seq\":" + i + ",\"k\":\"a\"}";
        producer.send(new ProducerRecord<>("poison-in", 0, null, value));
      }
      producer.flush();
    }
  }

  private static void assertNothingAfterThePoisonRecord(String bootstrap, String id) throws Exception {
    List<Long> seqs = committedOutput(bootstrap);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < POISON_OFFSET; i++) {
      expected.add(i);
    }
    assertEquals(expected, seqs, "every row before the poison record once, nothing after it");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("weir-" + id)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      OffsetAndMetadata committed = offsets.get(new TopicPartition("poison-in", 0));
      assertTrue(committed != null && committed.offset() <= POISON_OFFSET,
          "committed position " + committed);
    }
  }

  /** The seq of every committed row of poison-out. */
  private static List<Long> committedOutput(String bootstrap) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Long> seqs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("poison-out", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          try {
            seqs.add(json.readTree(r.value()).get("seq").asLong());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
      return seqs;
    }
    return seqs;
  }
}
