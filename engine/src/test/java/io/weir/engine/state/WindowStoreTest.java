package io.weir.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import io.weir.engine.state.memory.InMemoryWindowStore;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WindowStoreTest {

  @TempDir
  Path tmp;

  static Stream<String> stores() {
    return Stream.of("memory", "rocksdb");
  }

  private WindowStore open(String kind, Path dir) {
    return kind.equals("memory") ? InMemoryWindowStore.FACTORY.open(dir)
        : RocksDbWindowStore.FACTORY.open(dir);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> scan(WindowStore store, long slice) {
    List<String> out = new ArrayList<>();
    try (WindowStore.Cursor c = store.scan(slice)) {
      while (c.next()) {
        out.add(new String(c.key(), StandardCharsets.UTF_8) + "="
            + new String(c.value(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void putGetDeleteAndScanInKeyOrderPerSlice(String kind) {
    try (WindowStore store = open(kind, tmp.resolve("s"))) {
      assertTrue(store.isEmpty());
      store.put(10, b("b"), b("2"));
      store.put(10, b("a"), b("1"));
      store.put(10, b("ab"), b("3"));
      store.put(20, b("a"), b("other slice"));
      store.put(-10, b("z"), b("negative slice"));
      store.put(9, b("c"), b("neighbour"));
      assertFalse(store.isEmpty());
      assertArrayEquals(b("1"), store.get(10, b("a")));
      assertNull(store.get(10, b("zz")));
      assertNull(store.get(11, b("a")));
      assertEquals(List.of("a=1", "ab=3", "b=2"), scan(store, 10));
      assertEquals(List.of("z=negative slice"), scan(store, -10));
      assertEquals(List.of(), scan(store, 11));
      store.put(10, b("a"), b("1b"));
      store.delete(10, b("b"));
      assertEquals(List.of("a=1b", "ab=3"), scan(store, 10));
      store.deleteSlice(10);
      assertEquals(List.of(), scan(store, 10));
      assertEquals(List.of("c=neighbour"), scan(store, 9));
      assertEquals(List.of("a=other slice"), scan(store, 20));
      store.deleteSlice(20);
      store.deleteSlice(9);
      store.deleteSlice(-10);
      assertTrue(store.isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void keysCompareAsUnsignedBytesAndSlicesAtTheExtremesStayApart(String kind) {
    try (WindowStore store = open(kind, tmp.resolve("u"))) {
      byte[] high = {(byte) 0xFF};
      byte[] low = {0x01};
      byte[] empty = {};
      store.put(0, high, b("high"));
      store.put(0, low, b("low"));
      store.put(0, empty, b("empty"));
      store.put(Long.MIN_VALUE, low, b("min"));
      store.put(Long.MAX_VALUE - 1, low, b("max"));
      store.put(-1, low, b("-1"));
      List<String> values = new ArrayList<>();
      try (WindowStore.Cursor c = store.scan(0)) {
        while (c.next()) {
          values.add(new String(c.value(), StandardCharsets.UTF_8));
        }
      }
      assertEquals(List.of("empty", "low", "high"), values);
      assertEquals(List.of("\u0001=min"), scan(store, Long.MIN_VALUE));
      assertEquals(List.of("\u0001=max"), scan(store, Long.MAX_VALUE - 1));
      assertEquals(List.of("\u0001=-1"), scan(store, -1));
      store.deleteSlice(-1);
      assertArrayEquals(b("low"), store.get(0, low));
      assertArrayEquals(b("min"), store.get(Long.MIN_VALUE, low));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void batchesApplyOnCommitAndCanBeReused(String kind) {
    try (WindowStore store = open(kind, tmp.resolve("b"));
        WindowStore.Batch batch = store.newBatch()) {
      batch.put(5, b("k1"), b("v1"));
      batch.put(5, b("k2"), b("v2"));
      assertEquals(2, batch.size());
      assertNull(store.get(5, b("k1")));
      batch.commit();
      assertEquals(0, batch.size());
      assertEquals(List.of("k1=v1", "k2=v2"), scan(store, 5));
      batch.delete(5, b("k1"));
      batch.put(5, b("k3"), b("v3"));
      batch.commit();
      assertEquals(List.of("k2=v2", "k3=v3"), scan(store, 5));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void matchesAReferenceMapUnderRandomOperations(String kind) {
    Random random = new Random(3);
    TreeMap<String, String> reference = new TreeMap<>();
    try (WindowStore store = open(kind, tmp.resolve("r"))) {
      for (int i = 0; i < 20_000; i++) {
        long slice = (random.nextInt(20) - 10) * 1000L;
        String key = Integer.toString(random.nextInt(300));
        int op = random.nextInt(100);
        if (op < 70) {
          String value = "v" + i;
          store.put(slice, b(key), b(value));
          reference.put(slice + "/" + key, value);
        } else if (op < 95) {
          store.delete(slice, b(key));
          reference.remove(slice + "/" + key);
        } else {
          store.deleteSlice(slice);
          reference.keySet().removeIf(k -> k.startsWith(slice + "/"));
        }
      }
      for (long slice = -10_000; slice < 10_000; slice += 1000) {
        List<String> expected = new ArrayList<>();
        for (var e : reference.entrySet()) {
          if (e.getKey().startsWith(slice + "/")) {
            expected.add(e.getKey().substring(e.getKey().indexOf('/') + 1) + "=" + e.getValue());
          }
        }
        expected.sort((x, y) -> Arrays.compareUnsigned(b(x.split("=")[0]), b(y.split("=")[0])));
        assertEquals(expected, scan(store, slice), "slice " + slice);
      }
      assertTrue(store.approximateSize() > 0);
      store.flush();
      assertEquals(reference.isEmpty(), store.isEmpty());
    }
  }

  @Test
  void rocksDbDeletesItsDirectoryOnCloseAndWipesLeftoversOnOpen() throws Exception {
    Path dir = tmp.resolve("op");
    RocksDbWindowStore first = RocksDbWindowStore.open(dir);
    first.put(1, b("k"), b("v"));
    first.flush();
    assertTrue(Files.exists(dir.resolve("CURRENT")));
    first.close();
    first.close(); // twice is fine
    assertFalse(Files.exists(dir));

    // A store left behind by a crashed run (simulated by copying live files) is wiped.
    RocksDbWindowStore live = RocksDbWindowStore.open(dir);
    live.put(1, b("k"), b("v"));
    live.flush();
    Path copy = tmp.resolve("stale");
    Files.createDirectories(copy);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals("LOCK")) {
          Files.copy(p, copy.resolve(p.getFileName()));
        }
      }
    }
    live.close();
    try (RocksDbWindowStore reopened = RocksDbWindowStore.open(copy)) {
      assertTrue(reopened.isEmpty());
      assertNull(reopened.get(1, b("k")));
    }
  }

  @Test
  void rocksDbRefusesADirectoryThatHoldsSomethingElse() throws Exception {
    Path dir = tmp.resolve("foreign");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("precious.txt"), "keep me");
    WeirException e = assertThrows(WeirException.class, () -> RocksDbWindowStore.open(dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(Files.exists(dir.resolve("precious.txt")));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void useAfterCloseIsAnError(String kind) {
    WindowStore store = open(kind, tmp.resolve("c"));
    store.close();
    assertThrows(WeirException.class, () -> store.get(1, b("k")));
  }
}
