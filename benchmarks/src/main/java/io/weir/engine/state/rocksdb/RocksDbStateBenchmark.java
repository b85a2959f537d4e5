package io.weir.engine.state.rocksdb;

import io.weir.engine.state.WindowStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The window operator's RocksDB state access, in nanoseconds per key: a point lookup of a key
 * that is there ({@code get}) and one that is not ({@code getMissing}, the Bloom filter's case,
 * which every new key of a spilled slice pays), a write batch of 1,000 entries ({@code
 * batchPut}, what a flush does) and a slice scan ({@code scanSlice}, what firing a spilled
 * window does), over a store of {@code keys} entries of one slice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RocksDbStateBenchmark {
  static final long SLICE = 10_000L;
  static final int BATCH = 1_000;

  @Param({"100000"})
  public int keys;

  private Path dir;
  private RocksDbWindowStore store;
  private byte[][] present;
  private byte[][] absent;
  private byte[] value = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  private int next;
  private long batchSlice = 1_000_000L;

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("weir-jmh-rocks-");
    store = RocksDbWindowStore.open(dir.resolve("store"));
    present = new byte[keys][];
    absent = new byte[keys][];
    try (WindowStore.Batch b = store.newBatch()) {
      for (int i = 0; i < keys; i++) {
        present[i] = key(2 * i);
        absent[i] = key(2 * i + 1);
        b.put(SLICE, present[i], value);
        if (b.size() >= 10_000) {
          b.commit();
        }
      }
      b.commit();
    }
    store.flush();
    // Shuffle the lookups so they do not walk the key order.
    SplittableRandom r = new SplittableRandom(3);
    for (int i = keys - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      byte[] t = present[i];
      present[i] = present[j];
      present[j] = t;
    }
  }

  static byte[] key(long k) {
    // A BIGINT grouping key as KeyCodec encodes it: not-null marker, sign-flipped big-endian.
    byte[] b = new byte[9];
    b[0] = 1;
    long v = k ^ Long.MIN_VALUE;
    for (int i = 8; i >= 1; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  @TearDown
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public byte[] get() {
    next = next + 1 == keys ? 0 : next + 1;
    return store.get(SLICE, present[next]);
  }

  @Benchmark
  public byte[] getMissing() {
    next = next + 1 == keys ? 0 : next + 1;
    return store.get(SLICE, absent[next]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batchPut() {
    long slice = batchSlice++;
    try (WindowStore.Batch b = store.newBatch()) {
      for (int i = 0; i < BATCH; i++) {
        b.put(slice, present[i % keys], value);
      }
      b.commit();
    }
    store.deleteSlice(slice);
  }

  @Benchmark
  @OperationsPerInvocation(10_000)
  public void scanSlice(Blackhole bh) {
    try (WindowStore.Cursor c = store.scan(SLICE)) {
      for (int i = 0; i < 10_000; i++) {
        if (!c.next()) {
          break;
        }
        bh.consume(c.key());
        bh.consume(c.value());
      }
    }
  }
}
