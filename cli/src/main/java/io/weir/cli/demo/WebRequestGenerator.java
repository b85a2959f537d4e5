package io.weir.cli.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes web-log events to a Kafka topic as JSON — {@code {"client_id", "http_method", "path",
 * "status", "latency_ms", "bytes", "ts"}} — in real time at a given rate, keyed by client.
 *
 * <p>The traffic has the shape the example anomaly model was trained on ({@code
 * io.weir.examples.data.WebTraffic} in examples-sql/udf, same distributions): ordinary API and
 * page requests from 300 clients, legitimate heavy requests now and then, and about 1% anomalies
 * — path scanning, exfiltration, slow requests, error bursts — mostly from a few bad clients.
 *
 * <p><b>Threading.</b> {@link #start()} starts one daemon thread that owns the producer; {@link
 * #close()} stops it and waits for the producer to flush (any thread, idempotent). Send failures
 * are counted in {@link #errors()}.
 */
public final class WebRequestGenerator implements AutoCloseable {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final String[] PAGES = {"/", "/login", "/static/app.js", "/static/site.css",
      "/api/search", "/api/cart"};
  private static final String[] PROBES = {"/.env", "/wp-admin/install.php", "/../../etc/passwd",
      "/phpmyadmin/index.php", "/admin/config.bak", "/.git/config", "/cgi-bin/test.cgi"};

  private final String bootstrap;
  private final String topic;
  private final int partitions;
  private final double perSecond;
  private final Random random = new Random(17);
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
    boolean anomaly = random.nextDouble() < 0.01;
    String client = anomaly && random.nextDouble() < 0.7
        ? String.format("c-%03d", 290 + random.nextInt(10))
        : String.format("c-%03d", random.nextInt(300));
    String method;
    String path;
    int status;
    double latency;
    long bytes;
    if (anomaly) {
      anomalies.incrementAndGet();
      switch (random.nextInt(4)) {
        case 0 -> {
          method = "GET";
          path = PROBES[random.nextInt(PROBES.length)];
          status = random.nextDouble() < 0.8 ? 404 : 403;
          latency = 2 + 8 * random.nextDouble();
          bytes = 120 + random.nextInt(200);
        }
        case 1 -> {
          method = "GET";
          path = "/api/export/" + random.nextInt(100);
          status = 200;
          latency = 300 + 2000 * random.nextDouble();
          bytes = (long) Math.exp(17.5 + 0.8 * random.nextGaussian());
        }
        case 2 -> {
          method = random.nextDouble() < 0.5 ? "GET" : "POST";
          path = "/api/items/" + random.nextInt(5000);
          status = random.nextDouble() < 0.6 ? 200 : 408;
          latency = 5000 + 15000 * random.nextDouble();
          bytes = 50 + random.nextInt(500);
        }
        default -> {
          method = "POST";
          path = "/api/payments";
          status = random.nextDouble() < 0.7 ? 500 : 503;
          latency = 1000 + 2000 * random.nextDouble();
          bytes = 200 + random.nextInt(300);
        }
      }
    } else {
      method = random.nextDouble() < 0.8 ? "GET" : "POST";
      double r = random.nextDouble();
      path = r < 0.45 ? "/api/items/" + random.nextInt(5000)
          : r < 0.7 ? "/api/users/" + random.nextInt(900) + "/orders"
          : PAGES[random.nextInt(PAGES.length)];
      double s = random.nextDouble();
      status = s < 0.95 ? 200 : s < 0.97 ? 304 : s < 0.99 ? 404 : 500;
      latency = Math.exp(3.5 + 0.5 * random.nextGaussian()) + (method.equals("POST") ? 15 : 0);
      bytes = status == 304 ? 0 : (long) Math.exp(7.6 + 1.0 * random.nextGaussian());
      double heavy = random.nextDouble();
      if (heavy < 0.01) {
        latency = 800 + 4000 * random.nextDouble();
      } else if (heavy < 0.02) {
        bytes = (long) Math.exp(15.5 + 1.0 * random.nextGaussian());
        path = "/api/export/" + random.nextInt(100);
      }
    }
    String json = String.format(Locale.ROOT, "{\"client_id\":\"%s\",\"http_method\":\"%s\","
        + "\"path\":\"%s\",\"status\":%d,\"latency_ms\":%.1f,\"bytes\":%d,\"ts\":\"%s\"}",
        client, method, path, status, latency, bytes, TS.format(Instant.ofEpochMilli(ts)));
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
