package io.weir.engine.connectors.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;

/**
 * Nanoseconds per record for decoding and encoding a typical 5-field record. Not a test: run
 * {@code java -cp <test-classpath> io.weir.engine.connectors.format.JsonFormatBenchmark [records]}.
 */
public final class JsonFormatBenchmark {
  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    Schema schema = Schema.of(
        new Field("id", DataType.of(Kind.BIGINT)),
        new Field("user", DataType.of(Kind.STRING)),
        new Field("amount", DataType.of(Kind.DOUBLE)),
        new Field("ts", DataType.of(Kind.TIMESTAMP)),
        new Field("ok", DataType.of(Kind.BOOLEAN)));
    JsonRowDecoder decoder = new JsonRowDecoder(schema, JsonFormatOptions.DEFAULTS);
    JsonRowEncoder encoder = new JsonRowEncoder(schema, JsonFormatOptions.DEFAULTS);
    byte[][] inputs = new byte[1024][];
    Object[][] rows = new Object[1024][];
    for (int i = 0; i < inputs.length; i++) {
      rows[i] = new Object[] {1_000_000L + i, "user_" + (i % 97), 12.34 + i,
          1_704_067_210_123L + i * 1000L, i % 2 == 0};
      inputs[i] = encoder.encode(rows[i]);
    }
    System.out.println("record: " + new String(inputs[1], UTF_8) + " (" + inputs[1].length
        + " bytes)");
    for (int round = 0; round < 5; round++) {
      long sink = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < records; i++) {
        Object[] row = decoder.decode(inputs[i & 1023]);
        sink += (Long) row[0];
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < records; i++) {
        sink += encoder.encode(rows[i & 1023]).length;
      }
      long t2 = System.nanoTime();
      System.out.printf("round %d: decode %.0f ns/record, encode %.0f ns/record (%d)%n", round,
          (t1 - t0) / (double) records, (t2 - t1) / (double) records, sink & 1);
    }
  }

  private JsonFormatBenchmark() {}
}
