package io.weir.cli.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes web-log events to a Kafka topic as JSON — {@code {"client_id", "http_method", "path",
 * "status", "latency_ms", "bytes", "ts"}} — in real time at a given rate, keyed by client.
 *
 * <p>The requests come from {@link WebRequests}: the traffic the example anomaly model was
 * trained on.
 *
 * <p><b>Threading.</b> As {@link PacedGenerator}.
 */
public final class WebRequestGenerator extends PacedGenerator {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String topic;
  private final int partitions;
  private final WebRequests requests = new WebRequests(17);
  private final AtomicLong anomalies = new AtomicLong();

  public WebRequestGenerator(String bootstrap, String topic, int partitions, double perSecond) {
    super("weir-demo-web-generator", bootstrap, perSecond, 0);
    this.topic = topic;
    this.partitions = Math.max(1, partitions);
  }

  /** Anomalous requests among those sent. */
  public long anomalies() {
    return anomalies.get();
  }

  @Override
  protected ProducerRecord<String, String> next(long ts, long wallTime) {
    WebRequests.Request r = requests.next();
    if (r.anomaly()) {
      anomalies.incrementAndGet();
    }
    String client = r.clientId();
    String json = r.json(TS.format(Instant.ofEpochMilli(ts)));
    int partition = Math.floorMod(client.hashCode(), partitions);
    return new ProducerRecord<>(topic, partition, ts, client, json);
  }
}
