package io.weir.engine.connectors.kafka;

import static io.weir.engine.connectors.kafka.KafkaTestSupport.context;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.json;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.pollFor;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.pollUntil;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.produce;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.produceRaw;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka connector's reader against a real in-process broker (one per class). */
class KafkaSourceReaderTest {
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

  private ConnectorContext ctx(String queryId) {
    return context(queryId, kafka.bootstrapServers(), dir);
  }

  private SourceReader open(String tableName, Map<String, String> options, ConnectorContext ctx) {
    TableDescriptor t = table(tableName, options);
    connector.validate(t);
    SourceReader r = connector.createReader(t, ctx);
    r.open();
    return r;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void readsEveryRecordOfEveryPartitionWithItsSplit() {
    kafka.createTopic("three", 3);
    produce(kafka, "three", 3, 0, 300);
    try (SourceReader r = open("three", Map.of("topic", "three", "scan.startup.mode", "earliest-offset"), ctx("q1"))) {
      assertEquals(3, r.splitCount());
      assertFalse(r.isBounded());
      KafkaTestSupport.Collector c = pollUntil(r, 300);
      assertEquals(300, c.rows.size());
      assertEquals(range(0, 300), c.ids().stream().sorted().toList());
      for (int i = 0; i < c.rows.size(); i++) {
        long id = (Long) c.rows.get(i)[0];
        assertEquals((int) (id % 3), c.splits.get(i), "split of id " + id);
        assertEquals("n" + id, c.rows.get(i)[1]);
        assertArrayEquals(json(id), c.originals.get(i));
      }
      // Within a split, order is the partition's order.
      for (int s = 0; s < 3; s++) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < c.rows.size(); i++) {
          if (c.splits.get(i) == s) {
            ids.add((Long) c.rows.get(i)[0]);
          }
        }
        assertEquals(ids.stream().sorted().toList(), ids);
      }
    }
  }

  @Test
  void severalTopicsAreSplitsInTopicThenPartitionOrder() {
    kafka.createTopic("multi-b", 1);
    kafka.createTopic("multi-a", 2);
    produce(kafka, "multi-a", 2, 0, 10);
    produce(kafka, "multi-b", 1, 100, 105);
    ConnectorContext ctx = ctx("q-multi");
    TableDescriptor t = table("multi", Map.of("topic", "multi-b; multi-a", "scan.startup.mode", "earliest-offset"));
    KafkaSourceReader r = (KafkaSourceReader) connector.createReader(t, ctx);
    r.open();
    try (r) {
      assertEquals(List.of(new TopicPartition("multi-a", 0), new TopicPartition("multi-a", 1),
          new TopicPartition("multi-b", 0)), r.partitions());
      KafkaTestSupport.Collector c = pollUntil(r, 15);
      assertEquals(15, c.rows.size());
      for (int i = 0; i < c.rows.size(); i++) {
        long id = (Long) c.rows.get(i)[0];
        assertEquals(id >= 100 ? 2 : (int) (id % 2), c.splits.get(i), "split of id " + id);
      }
    }
  }

  @Test
  void startupModes() {
    kafka.createTopic("modes", 1);
    produce(kafka, "modes", 1, 0, 10);
    long middle;
    try (SourceReader earliest = open("m", Map.of("topic", "modes", "scan.startup.mode", "earliest-offset"), ctx("q-e"));
         SourceReader latest = open("m", Map.of("topic", "modes", "scan.startup.mode", "latest-offset"), ctx("q-l"));
         SourceReader group = open("m", Map.of("topic", "modes"), ctx("q-g"));
         SourceReader groupLatest = open("m", Map.of("topic", "modes", "properties.auto.offset.reset", "latest"), ctx("q-gl"))) {
      assertEquals(range(0, 10), pollUntil(earliest, 10).ids());
      assertEquals(range(0, 10), pollUntil(group, 10).ids(), "group-offsets without commits starts at earliest");
      assertEquals(List.of(), pollFor(latest, 300).ids());
      assertEquals(List.of(), pollFor(groupLatest, 300).ids());
      middle = System.currentTimeMillis();
      produce(kafka, "modes", 1, 10, 15);
      assertEquals(range(10, 15), pollUntil(latest, 5).ids());
      assertEquals(range(10, 15), pollUntil(groupLatest, 5).ids());
      group.commit();
    }
    // group-offsets continues from the commit.
    produce(kafka, "modes", 1, 15, 17);
    try (SourceReader group = open("m", Map.of("topic", "modes"), ctx("q-g"))) {
      assertEquals(range(10, 17), pollUntil(group, 7).ids());
    }
    // timestamp: the first record at or after the time.
    try (SourceReader ts = open("m", Map.of("topic", "modes", "scan.startup.mode", "timestamp",
        "scan.startup.timestamp-millis", Long.toString(middle)), ctx("q-ts"))) {
      assertEquals(range(10, 17), pollUntil(ts, 7).ids());
    }
  }

  @Test
  void boundedModeEndsAtTheEndSeenAtOpen() {
    kafka.createTopic("bounded", 3);
    produce(kafka, "bounded", 3, 0, 50);
    try (SourceReader r = open("b", Map.of("topic", "bounded", "scan.startup.mode", "earliest-offset",
        "scan.bounded.mode", "latest-offset"), ctx("q-b"))) {
      assertTrue(r.isBounded());
      produce(kafka, "bounded", 3, 50, 60); // after open: not read
      KafkaTestSupport.Collector c = new KafkaTestSupport.Collector();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      boolean more = true;
      while (more && System.nanoTime() < deadline) {
        more = r.poll(c, 7, 100);
      }
      assertFalse(more, "the bounded reader ended");
      assertEquals(range(0, 50), c.ids().stream().sorted().toList());
      assertFalse(r.poll(c, 100, 10), "stays ended");
      assertEquals(50, c.rows.size());
    }
    kafka.createTopic("bounded-empty", 2);
    try (SourceReader r = open("be", Map.of("topic", "bounded-empty", "scan.bounded.mode", "latest-offset"), ctx("q-be"))) {
      KafkaTestSupport.Collector c = new KafkaTestSupport.Collector();
      assertFalse(r.poll(c, 100, 10));
      assertEquals(0, c.count());
    }
  }

  @Test
  void resumeContinuesWhereTheCommitWasWithNoGapAndNoDuplicate() {
    kafka.createTopic("resume", 3);
    produce(kafka, "resume", 3, 0, 100);
    ConnectorContext ctx1 = ctx("q-resume");
    List<Long> first;
    try (SourceReader r = open("r", Map.of("topic", "resume", "scan.startup.mode", "earliest-offset"), ctx1)) {
      KafkaTestSupport.Collector c = pollUntil(r, 40);
      first = c.ids();
      assertEquals(40, first.size());
      r.commit();
      // Records after the commit are read but not committed: the next reader reads them again.
      assertEquals(10, pollUntil(r, 10).count());
      // Lag = records after what was handed over.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ctx1.metrics().consumerLag.get() != 50 && System.nanoTime() < deadline) {
        r.poll(new KafkaTestSupport.Collector(), 0, 20);
      }
      assertEquals(50, ctx1.metrics().consumerLag.get());
    }
    // latest-offset is ignored where the group has committed offsets.
    try (SourceReader r = open("r", Map.of("topic", "resume", "scan.startup.mode", "latest-offset",
        "weir.resume", "true"), ctx("q-resume"))) {
      List<Long> second = pollUntil(r, 60).ids();
      assertEquals(60, second.size());
      assertTrue(pollFor(r, 300).rows.isEmpty(), "nothing more");
      Set<Long> all = new HashSet<>(first);
      all.addAll(second);
      assertEquals(100, all.size(), "no gap, no duplicate");
    }
  }

  @Test
  void malformedRecordsAreReportedWithTheirPosition() {
    kafka.createTopic("bad", 1);
    byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);
    produceRaw(kafka, "bad", List.of(json(1), garbage, json(2)));
    try (SourceReader r = open("bad", Map.of("topic", "bad", "scan.startup.mode", "earliest-offset"), ctx("q-bad"))) {
      KafkaTestSupport.Collector c = pollUntil(r, 3);
      assertEquals(List.of(1L, 2L), c.ids());
      assertEquals(1, c.malformed.size());
      KafkaTestSupport.Malformed m = c.malformed.get(0);
      assertEquals(0, m.split());
      assertArrayEquals(garbage, m.original());
      assertEquals("topic=bad partition=0 offset=1", m.position());
      assertEquals("bad", m.metadata().get("topic"));
      assertEquals("0", m.metadata().get("partition"));
      assertEquals("1", m.metadata().get("offset"));
      assertFalse(m.reason().isBlank());
    }
  }

  @Test
  void unreachableBrokerIsAnExternalErrorWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + closedPort;
    TableDescriptor t = table("down", Map.of("topic", "down", "properties.bootstrap.servers", nowhere,
        "properties.default.api.timeout.ms", "1500"));
    long t0 = System.nanoTime();
    try (SourceReader r = connector.createReader(t, ctx("q-down"))) {
      WeirException e = assertThrows(WeirException.class, r::open);
      assertEquals(WeirException.Kind.EXTERNAL, e.kind());
      assertTrue(e.getMessage().contains(nowhere), e.getMessage());
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 10_000, "took " + ms + " ms");
  }

  @Test
  void optionErrorsAreUserErrors() {
    WeirException noBroker = assertThrows(WeirException.class, () -> connector.createReader(
        table("t", Map.of("topic", "x")), context("q", null, dir)));
    assertEquals(WeirException.Kind.USER, noBroker.kind());
    assertTrue(noBroker.getMessage().contains("properties.bootstrap.servers"), noBroker.getMessage());

    WeirException badMode = assertThrows(WeirException.class, () -> connector.validate(
        table("t", Map.of("topic", "x", "scan.startup.mode", "beginning"))));
    assertEquals(WeirException.Kind.USER, badMode.kind());
    assertTrue(badMode.getMessage().contains("beginning"), badMode.getMessage());

    WeirException typo = assertThrows(WeirException.class, () -> connector.validate(
        table("t", Map.of("topic", "x", "scan.startup.mod", "earliest-offset"))));
    assertTrue(typo.getMessage().contains("scan.startup.mod"), typo.getMessage());

    WeirException badKey = assertThrows(WeirException.class, () -> connector.validate(
        table("t", Map.of("topic", "x", "key.fields", "nope"))));
    assertTrue(badKey.getMessage().contains("nope"), badKey.getMessage());

    WeirException badFormat = assertThrows(WeirException.class, () -> connector.validate(
        table("t", Map.of("topic", "x", "format", "avro"))));
    assertTrue(badFormat.getMessage().contains("avro"), badFormat.getMessage());
  }
}
