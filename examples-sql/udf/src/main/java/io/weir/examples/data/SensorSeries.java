package io.weir.examples.data;

import java.util.Random;

/**
 * One sensor's readings, shaped as the demo's generator writes them: a level, a slow ten-minute
 * cycle of ±1.5, Gaussian noise of 0.15, and now and then a spike of +6 for 10 to 30 readings.
 * Deterministic for a seed; not thread-safe.
 */
public final class SensorSeries {

  /** One reading at epoch milliseconds {@code ts}. */
  public record Reading(long ts, double value) {}

  private final Random random;
  private final double base;
  private final double phase;
  private final double intervalMillis;
  private double t;
  private int spikeLeft;

  /**
   * @param startMillis the first reading's time
   * @param readingsPerSecond how often the sensor reads
   */
  public SensorSeries(long seed, double base, double phase, long startMillis,
      double readingsPerSecond) {
    this.random = new Random(seed);
    this.base = base;
    this.phase = phase;
    this.t = startMillis;
    this.intervalMillis = 1000.0 / readingsPerSecond;
  }

  public Reading next() {
    long ts = (long) t;
    t += intervalMillis * (0.8 + 0.4 * random.nextDouble());
    if (spikeLeft == 0 && random.nextDouble() < 0.002) {
      spikeLeft = 10 + random.nextInt(20);
    }
    double spike = spikeLeft > 0 ? 6.0 : 0.0;
    if (spikeLeft > 0) {
      spikeLeft--;
    }
    double cycle = Math.sin(2 * Math.PI * ts / 600_000.0 + phase);
    double v = base + 1.5 * cycle + random.nextGaussian() * 0.15 + spike;
    return new Reading(ts, Math.round(v * 100) / 100.0);
  }
}
