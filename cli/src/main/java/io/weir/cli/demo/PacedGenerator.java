package io.weir.cli.demo;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a demo's generated records to a Kafka topic at a steady rate of event time: first the
 * last {@code backfillSeconds} of records at once (so the first windows close right away), then
 * in real time, the records due every 20 ms. Subclasses make the records.
 *
 * <p><b>Threading.</b> {@link #start()} starts one daemon thread that owns the producer and calls
 * {@link #next}; {@link #close()} stops it and waits for the producer to flush and close (any
 * thread, idempotent). A send failure is counted in {@link #errors()} and otherwise ignored: the
 * demo goes on.
 */
public abstract class PacedGenerator implements AutoCloseable {
  private final String name;
  private final String bootstrap;
  private final double perSecond;
  private final int backfillSeconds;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;

  /**
   * @param name the thread's name and the producer's client id
   * @param perSecond records per second of event time
   */
  PacedGenerator(String name, String bootstrap, double perSecond, int backfillSeconds) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("records per second must be positive, got " + perSecond);
    }
    this.name = name;
    this.bootstrap = bootstrap;
    this.perSecond = perSecond;
    this.backfillSeconds = Math.max(0, backfillSeconds);
  }

  /**
   * The record of the event at {@code eventTime} (epoch milliseconds), made at {@code wallTime}
   * (equal to it, or later while back-filling).
   */
  protected abstract ProducerRecord<String, String> next(long eventTime, long wallTime);

  public final void start() {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  public final long sent() {
    return sent.get();
  }

  public final long errors() {
    return errors.get();
  }

  private void run() {
    Map<String, Object> conf = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.CLIENT_ID_CONFIG, name);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(conf, new StringSerializer(), new StringSerializer())) {
      long now = System.currentTimeMillis();
      double intervalMillis = 1000.0 / perSecond;
      double t = now - backfillSeconds * 1000L;
      while (running && t < now) {
        send(producer, next((long) t, now));
        t += intervalMillis;
      }
      producer.flush();
      while (running) {
        long wall = System.currentTimeMillis();
        while (t <= wall) {
          send(producer, next((long) t, wall));
          t += intervalMillis;
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

  private void send(KafkaProducer<String, String> producer, ProducerRecord<String, String> r) {
    producer.send(r, (metadata, e) -> {
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
