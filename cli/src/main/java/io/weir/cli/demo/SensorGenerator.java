package io.weir.cli.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes sensor readings to a Kafka topic as JSON — {@code {"sensor_id", "site", "temperature",
 * "humidity", "ts"}} with {@code ts} as Flink's JSON format writes a {@code TIMESTAMP(3)} (UTC).
 *
 * <p>Readings look like a small plant: four sites (a greenhouse, a cold store, a server room, a
 * warehouse) with three sensors each; temperature and humidity drift slowly around each site's
 * level, with noise, and now and then a sensor spikes for a few seconds. Event time is the
 * reading's time: most arrive within a few hundred milliseconds, about 2% up to 1.5 s out of
 * order, and about 0.5% 6–10 s late. On start it back-fills the last {@code backfillSeconds} of
 * readings at once, so the first windows close immediately; then it writes in real time.
 *
 * <p><b>Threading.</b> As {@link PacedGenerator}.
 */
public final class SensorGenerator extends PacedGenerator {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** One sensor's state. */
  private static final class Sensor {
    final String id;
    final String site;
    final double baseTemp;
    final double baseHumidity;
    final double phase;
    final int partition;
    int spikeLeft;

    Sensor(String id, String site, double baseTemp, double baseHumidity, double phase, int partition) {
      this.id = id;
      this.site = site;
      this.baseTemp = baseTemp;
      this.baseHumidity = baseHumidity;
      this.phase = phase;
      this.partition = partition;
    }
  }

  private final String topic;
  private final int partitions;
  private final List<Sensor> sensors = new ArrayList<>();
  private final Random random = new Random(7);

  public SensorGenerator(String bootstrap, String topic, int partitions, double readingsPerSecond,
      int backfillSeconds) {
    super("weir-demo-generator", bootstrap, readingsPerSecond, backfillSeconds);
    this.topic = topic;
    this.partitions = Math.max(1, partitions);
    String[][] sites = {{"greenhouse", "24.0", "70"}, {"cold-store", "3.5", "85"},
        {"server-room", "21.0", "35"}, {"warehouse", "15.0", "55"}};
    int n = 0;
    for (String[] site : sites) {
      for (int i = 1; i <= 3; i++) {
        String id = site[0].substring(0, 2) + "-" + String.format("%02d", i);
        sensors.add(new Sensor(id, site[0], Double.parseDouble(site[1]) + random.nextGaussian() * 0.6,
            Double.parseDouble(site[2]) + random.nextGaussian() * 3, random.nextDouble() * 2 * Math.PI,
            n++ % this.partitions));
      }
    }
  }

  private int nextSensor;

  @Override
  protected ProducerRecord<String, String> next(long eventTime, long wallTime) {
    Sensor s = sensors.get(nextSensor++ % sensors.size());
    long ts = eventTime;
    double r = random.nextDouble();
    if (r < 0.005) {
      ts -= 6000 + random.nextInt(4000);          // late
    } else if (r < 0.025) {
      ts -= random.nextInt(1500);                  // out of order
    }
    if (s.spikeLeft == 0 && random.nextDouble() < 0.002) {
      s.spikeLeft = 10 + random.nextInt(20);
    }
    double spike = s.spikeLeft > 0 ? 6.0 : 0.0;
    if (s.spikeLeft > 0) {
      s.spikeLeft--;
    }
    double cycle = Math.sin(2 * Math.PI * ts / 600_000.0 + s.phase);
    double temperature = s.baseTemp + 1.5 * cycle + random.nextGaussian() * 0.15 + spike;
    double humidity = s.baseHumidity - 4 * cycle + random.nextGaussian() * 0.8;
    String json = String.format(java.util.Locale.ROOT,
        "{\"sensor_id\":\"%s\",\"site\":\"%s\",\"temperature\":%.2f,\"humidity\":%.1f,\"ts\":\"%s\"}",
        s.id, s.site, temperature, humidity, TS.format(Instant.ofEpochMilli(ts)));
    return new ProducerRecord<>(topic, s.partition, ts, s.id, json);
  }
}
