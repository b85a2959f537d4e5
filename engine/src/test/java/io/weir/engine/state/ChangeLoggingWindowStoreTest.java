package io.weir.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.state.memory.InMemoryWindowStore;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The changelogging decorator records every change, replaying its records rebuilds the same
 * store (slices, keys, values, metadata), and the durable RocksDB store keeps its files across a
 * clean close.
 */
class ChangeLoggingWindowStoreTest {
  @TempDir
  Path tmp;

  static Stream<String> stores() {
    return Stream.of("memory", "rocksdb");
  }

  private WindowStore open(String kind, String name) {
    return kind.equals("memory") ? new InMemoryWindowStore() : RocksDbWindowStore.open(tmp.resolve(name));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Everything a store holds, as text: slice, key=value per entry, then the metadata asked for. */
  private static List<String> dump(WindowStore store, String... metadata) {
    List<String> out = new ArrayList<>();
    for (long slice : store.sliceEnds()) {
      try (WindowStore.Cursor c = store.scan(slice)) {
        while (c.next()) {
          out.add(slice + ":" + new String(c.key(), StandardCharsets.UTF_8) + "="
              + new String(c.value(), StandardCharsets.UTF_8));
        }
      }
    }
    for (String m : metadata) {
      byte[] v = store.getMetadata(m);
      out.add("meta " + m + "=" + (v == null ? null : new String(v, StandardCharsets.UTF_8)));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void everyChangeIsLoggedAndTheLogRebuildsTheStore(String kind) {
    List<byte[][]> log = new ArrayList<>();
    try (WindowStore inner = open(kind, "a");
        WindowStore store = new ChangeLoggingWindowStore(inner, (k, v) -> log.add(new byte[][] {k, v}));
        WindowStore copy = open(kind, "b")) {
      store.put(2_000, b("x"), b("1"));
      store.put(2_000, b("y"), b("2"));
      store.put(4_000, b("x"), b("3"));
      store.put(-6_000, b("neg"), b("4"));
      store.delete(2_000, b("y"));
      try (WindowStore.Batch batch = store.newBatch()) {
        batch.put(6_000, b("z"), b("5"));
        batch.delete(4_000, b("x"));
        assertEquals(5, log.size(), "a batch logs nothing before it commits");
        batch.commit();
      }
      try (WindowStore.Batch abandoned = store.newBatch()) {
        abandoned.put(8_000, b("never"), b("6"));
      }
      store.putMetadata("fired-watermark", b("wm"));
      store.put(8_000, b("a"), b("7"));
      store.put(8_000, b("b"), b("8"));
      store.deleteSlice(8_000);
      assertEquals(12, log.size());
      assertNull(log.get(4)[1], "a delete logs a tombstone");
      assertTrue(ChangelogFormat.isMetadata(log.get(7)[0]));
      assertEquals("fired-watermark", ChangelogFormat.metadataName(log.get(7)[0]));
      assertEquals(8_000, ChangelogFormat.sliceEnd(log.get(10)[0]));
      assertNull(log.get(10)[1]);
      assertNull(log.get(11)[1], "a dropped slice logs a tombstone per key");

      try (ChangelogRestorer restorer = new ChangelogRestorer(copy)) {
        log.forEach(r -> restorer.apply(r[0], r[1]));
        assertEquals(12, restorer.records());
      }
      List<String> expected = List.of("-6000:neg=4", "2000:x=1", "6000:z=5", "meta fired-watermark=wm");
      assertEquals(expected, dump(store, "fired-watermark"));
      assertEquals(expected, dump(copy, "fired-watermark"));
      assertArrayEquals(new long[] {-6_000, 2_000, 6_000}, copy.sliceEnds());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void metadataIsNotASliceAndDoesNotMakeTheStoreNonEmpty(String kind) {
    try (WindowStore store = open(kind, "m")) {
      store.putMetadata("fired-watermark", ChangelogFormat.longValue(Long.MIN_VALUE + 1));
      assertTrue(store.isEmpty());
      assertEquals(0, store.sliceEnds().length);
      assertEquals(Long.MIN_VALUE + 1, ChangelogFormat.readLong(store.getMetadata("fired-watermark"), "wm"));
      store.put(Long.MAX_VALUE - 1, b("k"), b("v"));
      assertFalse(store.isEmpty());
      assertArrayEquals(new long[] {Long.MAX_VALUE - 1}, store.sliceEnds());
      store.deleteSlice(Long.MAX_VALUE - 1);
      assertTrue(store.isEmpty());
      assertEquals(8, store.getMetadata("fired-watermark").length, "deleting the last slice keeps metadata");
    }
  }

  @Test
  void randomChangesReplayToTheSameRocksDbState() {
    Random rnd = new Random(42);
    List<byte[][]> log = new ArrayList<>();
    try (WindowStore store = new ChangeLoggingWindowStore(new InMemoryWindowStore(),
        (k, v) -> log.add(new byte[][] {k, v}));
        WindowStore replayed = RocksDbWindowStore.open(tmp.resolve("r"))) {
      for (int i = 0; i < 5_000; i++) {
        long slice = 1_000L * rnd.nextInt(20);
        byte[] key = b("k" + rnd.nextInt(50));
        switch (rnd.nextInt(10)) {
          case 0 -> store.delete(slice, key);
          case 1 -> store.deleteSlice(slice);
          default -> store.put(slice, key, b("v" + i));
        }
      }
      try (ChangelogRestorer restorer = new ChangelogRestorer(replayed)) {
        log.forEach(r -> restorer.apply(r[0], r[1]));
      }
      assertEquals(dump(store), dump(replayed));
    }
  }

  @Test
  void aDurableRocksDbStoreKeepsItsFilesAcrossACleanCloseAndCanBeDeleted() throws Exception {
    Path dir = tmp.resolve("durable");
    try (RocksDbWindowStore store = RocksDbWindowStore.openDurable(dir)) {
      store.put(1_000, b("k"), b("v"));
      store.putMetadata("fired-watermark", b("wm"));
    }
    assertTrue(Files.exists(dir.resolve("CURRENT")), "the files stay");
    try (RocksDbWindowStore store = RocksDbWindowStore.openDurable(dir)) {
      assertEquals(List.of("1000:k=v", "meta fired-watermark=wm"), dump(store, "fired-watermark"));
    }
    RocksDbWindowStore.deleteStore(dir);
    assertFalse(Files.exists(dir));
    try (RocksDbWindowStore store = RocksDbWindowStore.openDurable(dir)) {
      assertTrue(store.isEmpty());
    }
    // The scratch store of open() is still wiped at open and deleted at close.
    try (RocksDbWindowStore store = RocksDbWindowStore.open(dir)) {
      assertTrue(store.isEmpty());
    }
    assertFalse(Files.exists(dir));
  }
}
