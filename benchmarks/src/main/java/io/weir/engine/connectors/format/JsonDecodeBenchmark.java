package io.weir.engine.connectors.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per record to turn JSON bytes into a row: the hand-written scanner that takes flat
 * records ({@code scanner}) beside the Jackson streaming path it falls back to ({@code jackson}),
 * on the {@code kafka-hop} workload's bid records and on a record of mixed types.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonDecodeBenchmark {
  static final int RECORDS = 1024;

  @Param({"bid", "mixed"})
  public String shape;

  private JsonRowDecoder decoder;
  private byte[][] records;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(7);
    records = new byte[RECORDS][];
    Schema schema;
    if (shape.equals("bid")) {
      schema = Schema.of(new Field("seq", DataType.of(Kind.BIGINT)),
          new Field("auction", DataType.of(Kind.BIGINT)),
          new Field("bidder", DataType.of(Kind.BIGINT)),
          new Field("price", DataType.of(Kind.BIGINT)));
      for (int i = 0; i < RECORDS; i++) {
        records[i] = ("{\"seq\":" + (1_000_000 + i) + ",\"auction\":" + (1000 + r.nextInt(10_000))
            + ",\"bidder\":" + (1 + r.nextInt(100_000)) + ",\"price\":" + (1 + r.nextInt(100_000))
            + "}").getBytes(UTF_8);
      }
    } else {
      schema = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
          new Field("user", DataType.of(Kind.STRING)), new Field("amount", DataType.of(Kind.DOUBLE)),
          new Field("ts", DataType.of(Kind.TIMESTAMP)), new Field("ok", DataType.of(Kind.BOOLEAN)));
      for (int i = 0; i < RECORDS; i++) {
        records[i] = ("{\"id\":" + (1_000_000 + i) + ",\"user\":\"user_" + r.nextInt(97)
            + "\",\"amount\":" + (r.nextInt(100_000) / 100.0) + ",\"ts\":\"2024-01-01 00:00:"
            + (10 + r.nextInt(50)) + ".123\",\"ok\":" + r.nextBoolean() + "}").getBytes(UTF_8);
      }
    }
    decoder = new JsonRowDecoder(schema, JsonFormatOptions.DEFAULTS);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void scanner(Blackhole bh) throws MalformedRecordException {
    for (byte[] rec : records) {
      bh.consume(decoder.decode(rec, 0, rec.length));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void jackson(Blackhole bh) throws MalformedRecordException {
    for (byte[] rec : records) {
      bh.consume(decoder.decodeWithJackson(rec, 0, rec.length));
    }
  }
}
