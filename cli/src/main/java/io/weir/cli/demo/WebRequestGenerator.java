package io.weir.cli.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes web-log events to a Kafka topic as JSON — {@code {"client_id", "http_method", "path",
 * "status", "latency_ms", "bytes", "ts"}} — in real time at a given rate, keyed by client.
 *
 * <p>The requests come from {@link WebRequests}: the traffic the example anomaly model was
 * trained on.
 *
 * <p><b>Threading.</b> {@link #start()} starts one daemon thread that owns the producer; {@link
 * #close()} stops it and waits for the producer to flush (any thread, idempotent). Send failures
 * are counted in {@link #errors()}.
 */
public final class WebRequestGenerator implements AutoCloseable {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final double perSecond;
  private final WebRequests requests = new WebRequests(17);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong anomalies = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;

  public WebRequestGenerator(String bootstrap, String topic, int partitions, double perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("requests per second must be positive, got " + perSecond);
    }
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.partitions = Math.max(1, partitions);
    this.perSecond = perSecond;
  }

  public void start() {
    thread = new Thread(this::run, "weir-demo-web-generator");
    thread.setDaemon(true);
    thread.start();
  }

  public long sent() {
    return sent.get();
  }

  /** Anomalous requests among those sent. */
  public long anomalies() {
    return anomalies.get();
  }

  public long errors() {
    return errors.get();
  }

  private void run() {
    Map<String, Object> conf = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.CLIENT_ID_CONFIG, "weir-demo-web-generator");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(conf, new StringSerializer(), new StringSerializer())) {
      double interval = 1000.0 / perSecond;
      double t = System.currentTimeMillis();
      while (running) {
        long wall = System.currentTimeMillis();
        while (t <= wall) {
          send(producer, (long) t);
          t += interval;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void send(KafkaProducer<String, String> producer, long ts) {
    WebRequests.Request r = requests.next();
    if (r.anomaly()) {
      anomalies.incrementAndGet();
    }
    String client = r.clientId();
    String json = r.json(TS.format(Instant.ofEpochMilli(ts)));
    int partition = Math.floorMod(client.hashCode(), partitions);
    producer.send(new ProducerRecord<>(topic, partition, ts, client, json), (md, e) -> {
      if (e != null) {
        errors.incrementAndGet();
      }
    });
    sent.incrementAndGet();
  }

  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
