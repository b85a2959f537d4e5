package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.errors.WeirException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar store: names are labels, bodies must be safe jars, storage is by content. */
class JarStoreTest {
  @TempDir Path dir;

  @Test
  void storesByContentAndMapsNamesToTheirCurrentVersion() throws Exception {
    JarStore store = JarStore.open(dir.resolve("jars"));
    Path a = TestJars.builder().resource("a.txt", "one").build(dir.resolve("a.jar"));
    Path b = TestJars.builder().resource("a.txt", "two").build(dir.resolve("b.jar"));
    JarInfo first = put(store, "my-udfs", a);
    JarInfo same = put(store, "other.name_1", a);
    assertEquals(first.sha256(), same.sha256(), "one file per content");
    JarInfo second = put(store, "my-udfs", b);
    assertNotEquals(first.sha256(), second.sha256());
    assertEquals(second, store.get("my-udfs"));
    assertEquals(first.sha256(), store.resolve("my-udfs@" + first.sha256()).sha256(),
        "an older version stays reachable by its hash while it is stored");
    assertEquals(2, store.list().size());
    store.collect(java.util.Set.of());
    assertEquals(2, blobs(store).size(), "both versions are current for some name");
    store.remove("other.name_1");
    store.collect(java.util.Set.of());
    assertEquals(List.of(second.sha256() + ".jar"), blobs(store));

    JarStore reopened = JarStore.open(dir.resolve("jars"));
    assertEquals(second, reopened.get("my-udfs"), "the index survives a restart");
  }

  @Test
  void refusesUnsafeNamesBodiesAndEntriesWritingNothingOutsideTheStore() throws Exception {
    Path root = dir.resolve("jars");
    JarStore store = JarStore.open(root);
    Path good = TestJars.builder().resource("x.txt", "x").build(dir.resolve("good.jar"));
    for (String name : new String[] {"../evil", "/etc/passwd", "a/b", "a\0b", ".", "..", "",
        "x".repeat(101), "C:\\x", "-dash-first", "sp ace"}) {
      WeirException e = assertThrows(WeirException.class, () -> put(store, name, good), name);
      assertTrue(e.getMessage().contains("not allowed") || e.getMessage().contains("needs a name"),
          e.getMessage());
    }
    WeirException notJar = assertThrows(WeirException.class, () -> store.put("notjar",
        new ByteArrayInputStream("this is not a zip file".getBytes()), 1 << 20));
    assertTrue(notJar.getMessage().contains("not a readable jar"), notJar.getMessage());
    WeirException empty = assertThrows(WeirException.class, () -> store.put("empty",
        new ByteArrayInputStream(new byte[0]), 1 << 20));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    WeirException tooLarge = assertThrows(JarStore.TooLarge.class,
        () -> put(store, "big", good, 10));
    assertTrue(tooLarge.getMessage().contains("larger than the limit of 10 bytes"), tooLarge.getMessage());
    for (String entry : new String[] {"../escape.class", "a/../../escape", "/abs/path.class",
        "C:/windows.class", "back\\slash.class"}) {
      Path zip = TestJars.rawZip(dir.resolve("slip.jar"), "ok.txt", entry);
      WeirException e = assertThrows(WeirException.class, () -> put(store, "slip", zip), entry);
      assertTrue(e.getMessage().contains("must stay inside it"), e.getMessage());
    }
    assertTrue(store.list().isEmpty());
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> outside = all.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(root))
          .filter(p -> !p.getFileName().toString().endsWith(".jar"))
          .toList();
      assertEquals(List.of(), outside, "nothing written outside the store");
    }
    try (Stream<Path> inside = Files.walk(root)) {
      assertEquals(List.of(root.resolve("index.json")).size() >= 0, true);
      assertEquals(List.of(), inside.filter(Files::isRegularFile)
          .filter(p -> p.startsWith(root.resolve("blobs")) || p.startsWith(root.resolve("incoming")))
          .toList(), "refused uploads leave no file behind");
    }
  }

  static JarInfo put(JarStore store, String name, Path jar) throws Exception {
    return put(store, name, jar, 1 << 20);
  }

  static JarInfo put(JarStore store, String name, Path jar, long max) throws Exception {
    try (InputStream in = Files.newInputStream(jar)) {
      return store.put(name, in, max);
    }
  }

  static List<String> blobs(JarStore store) throws Exception {
    try (Stream<Path> s = Files.list(store.directory().resolve("blobs"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
