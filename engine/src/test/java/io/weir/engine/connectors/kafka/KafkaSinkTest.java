package io.weir.engine.connectors.kafka;

import static io.weir.engine.connectors.kafka.KafkaTestSupport.context;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.readRaw;
import static io.weir.engine.connectors.kafka.KafkaTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.errors.WeirException;
import io.weir.engine.operators.RowBatch;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka connector's sink writer and side output against a real in-process broker. */
class KafkaSinkTest {
  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static final ObjectMapper JSON = new ObjectMapper();
  final KafkaConnector connector = new KafkaConnector();

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private ConnectorContext ctx() {
    return context("q-sink", kafka.bootstrapServers(), dir);
  }

  @Test
  void writesJsonRowsWithKeysFromKeyFields() throws Exception {
    TableDescriptor t = table("out", Map.of("topic", "sink-out", "key.fields", "id"));
    connector.validate(t);
    try (SinkWriter w = connector.createWriter(t, ctx())) {
      w.open();
      RowBatch batch = new RowBatch(4);
      for (long i = 0; i < 5; i++) {
        batch.add(new Object[] {i, i == 3 ? null : "n" + i});
      }
      w.write(batch);
      w.flush();
    }
    List<ConsumerRecord<byte[], byte[]>> records = readRaw(kafka, "sink-out", 5);
    assertEquals(5, records.size());
    for (int i = 0; i < 5; i++) {
      ConsumerRecord<byte[], byte[]> r = records.get(i);
      JsonNode value = JSON.readTree(r.value());
      assertEquals(i, value.get("id").asLong());
      if (i == 3) {
        assertTrue(value.get("name").isNull());
      } else {
        assertEquals("n" + i, value.get("name").asText());
      }
      JsonNode key = JSON.readTree(r.key());
      assertEquals(1, key.size());
      assertEquals(i, key.get("id").asLong());
    }
    // The sink created its topic, keeping records forever.
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "sink-out");
      assertEquals("-1", admin.describeConfigs(List.of(res)).all().get().get(res).get("retention.ms").value());
    }
  }

  @Test
  void withoutKeyFieldsRecordsHaveNoKey() throws Exception {
    TableDescriptor t = table("nokey", Map.of("topic", "sink-nokey"));
    try (SinkWriter w = connector.createWriter(t, ctx())) {
      w.open();
      RowBatch batch = new RowBatch(1);
      batch.add(new Object[] {7L, "seven"});
      w.write(batch);
      w.flush();
    }
    ConsumerRecord<byte[], byte[]> r = readRaw(kafka, "sink-nokey", 1).get(0);
    assertNull(r.key());
    assertEquals("seven", JSON.readTree(r.value()).get("name").asText());
  }

  @Test
  void sideOutputKeepsTheOriginalBytesAndTheMetadataAsHeaders() {
    byte[] original = "{broken".getBytes(StandardCharsets.UTF_8);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("reason", "not valid JSON at column 8");
    metadata.put("topic", "events");
    metadata.put("partition", "2");
    metadata.put("offset", "1234");
    try (SideOutput out = connector.createSideOutput("dead-letter",
        Map.of("topic", "dead-letters"), ctx())) {
      out.write(original, metadata);
      out.flush();
    }
    ConsumerRecord<byte[], byte[]> r = readRaw(kafka, "dead-letters", 1).get(0);
    assertArrayEquals(original, r.value());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    assertEquals(metadata, headers);
  }

  @Test
  void unreachableBrokerIsAnExternalErrorWithinTheTimeout() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    TableDescriptor t = table("down", Map.of("topic", "down",
        "properties.bootstrap.servers", "127.0.0.1:" + closedPort, "properties.max.block.ms", "1500"));
    long t0 = System.nanoTime();
    try (SinkWriter w = connector.createWriter(t, ctx())) {
      WeirException e = assertThrows(WeirException.class, w::open);
      assertEquals(WeirException.Kind.EXTERNAL, e.kind());
      assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }
    WeirException side = assertThrows(WeirException.class, () -> connector.createSideOutput("late",
        Map.of("topic", "late", "properties.bootstrap.servers", "127.0.0.1:" + closedPort,
            "properties.max.block.ms", "1500"), ctx()));
    assertEquals(WeirException.Kind.EXTERNAL, side.kind());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 15_000, "took " + ms + " ms");
  }

  @Test
  void aFailedSendIsThrownByTheNextFlush() {
    // The broker refuses records larger than its limit; the failure surfaces at flush.
    TableDescriptor t = table("big", Map.of("topic", "sink-big", "properties.max.request.size", "20000000"));
    try (SinkWriter w = connector.createWriter(t, ctx())) {
      w.open();
      RowBatch batch = new RowBatch(1);
      byte[] noise = new byte[3 * 1024 * 1024];
      new java.util.Random(7).nextBytes(noise);
      // Random text, so compression cannot bring it under the broker's 1 MB limit.
      batch.add(new Object[] {1L, java.util.Base64.getEncoder().encodeToString(noise)});
      w.write(batch);
      WeirException e = assertThrows(WeirException.class, w::flush);
      assertEquals(WeirException.Kind.EXTERNAL, e.kind());
      assertTrue(e.getMessage().contains("sink-big"), e.getMessage());
      // The failure was reported once; the writer goes on.
      batch.clear();
      batch.add(new Object[] {2L, "small"});
      w.write(batch);
      w.flush();
    }
  }
}
