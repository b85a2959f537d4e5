package io.weir.engine.e2e;

import static io.weir.engine.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.connectors.kafka.EmbeddedKafka;
import io.weir.engine.runtime.QueryState;
import io.weir.engine.runtime.QueryTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of an exactly-once query and comes back on the same port:
 * the query notices (its commit times out), restarts with backoff until the broker answers,
 * restores its state and resumes at its committed offsets; the output has every window exactly
 * once.
 */
class BrokerRestartTest {
  static final int EVENTS = 1200;
  @TempDir Path dir;
  EmbeddedKafka kafka;

  @AfterEach
  void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void queryRecoversFromABrokerRestartWithExactOutput() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    int port = kafka.port();
    String bootstrap = kafka.bootstrapServers();
    kafka.createTopic("br_in", 1);
    // Short client timeouts: the outage is noticed within seconds.
    String script = """
        CREATE TABLE br_in (k STRING, v BIGINT, ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'kafka', 'topic' = 'br_in', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s', 'scan.startup.mode' = 'earliest-offset',
              'properties.default.api.timeout.ms' = '4000');
        CREATE TABLE br_out (k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
          cnt BIGINT, total BIGINT)
        WITH ('connector' = 'kafka', 'topic' = 'br_out', 'format' = 'json',
              'properties.bootstrap.servers' = '%1$s', 'properties.max.block.ms' = '4000',
              'properties.request.timeout.ms' = '3000', 'properties.delivery.timeout.ms' = '8000');
        """.formatted(bootstrap) + ExactlyOnceTest.hop("br_in", "br_out");

    // Events flow at 200/s through the outage; the producer retries until the broker is back.
    AtomicReference<Exception> produceError = new AtomicReference<>();
    Thread producer = new Thread(() -> {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
      try (KafkaProducer<byte[], byte[]> kp =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < EVENTS; i++) {
          kp.send(new ProducerRecord<>("br_in", 0, null,
              ExactlyOnceTest.event(i).getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                if (e != null) {
                  produceError.compareAndSet(null, e);
                }
              });
          Thread.sleep(5);
        }
        kp.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        produceError.compareAndSet(null, e);
      }
    }, "br-producer");

    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("engine")))) {
      // Commits every 3 s: when the broker goes, the query surely holds rows it has not
      // committed, so its next commit meets the outage (a query with nothing to commit does not
      // talk to the broker, and would only notice once the broker is back). The broker goes,
      // usually, before the first commit: then the restart reads everything again, counters too.
      Query q = ExactlyOnceTest.start(engine, script, Map.of(Engine.QUERY_ID, "br-q",
          QueryTask.COMMIT_INTERVAL, "3 s"));
      ExactlyOnceTest.awaitRunning(q);
      producer.start();
      await("some input processed", Duration.ofSeconds(30), () -> q.metrics().rowsIn.sum() >= 200);

      kafka.close();
      await("the query notices the outage", Duration.ofSeconds(30),
          () -> q.state() == QueryState.RESTARTING);
      assertTrue(q.error() != null && q.error().kind() == io.weir.engine.errors.WeirException.Kind.EXTERNAL,
          () -> String.valueOf(q.error()));
      kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);

      producer.join(60_000);
      assertEquals(null, produceError.get());
      await("every event processed after the restart", Duration.ofSeconds(60), () -> {
        assertTrue(q.state() != QueryState.FAILED, () -> String.valueOf(q.error()));
        return q.state() == QueryState.RUNNING && q.metrics().rowsIn.sum() == EVENTS;
      });
      assertTrue(q.restarts() >= 1, "restarts: " + q.restarts());
      engine.stop(q.id());
      assertEquals(QueryState.STOPPED, q.state());
    }

    long watermark = ExactlyOnceTest.BASE + (EVENTS - 1) * 200L - 1000;
    Map<String, List<JsonNode>> out = KafkaIo.windows(KafkaIo.readToEnd(bootstrap, "br_out", "read_committed"));
    Map<String, long[]> expected = ExactlyOnceTest.oracle(EVENTS, watermark);
    List<String> problems = ExactlyOnceTest.problems(out, expected);
    assertTrue(problems.isEmpty(), problems.size() + " problems: "
        + problems.subList(0, Math.min(10, problems.size())));
  }
}
