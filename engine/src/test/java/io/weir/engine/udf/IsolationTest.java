package io.weir.engine.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.runtime.QueryState;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-loader isolation: two jars bundling two versions of one library each see their own, see
 * neither the engine's internals nor its libraries, run with their own context class loader; a
 * jar version's loader is released — collected — once the last query using it stopped and its
 * function was dropped.
 */
class IsolationTest {
  @TempDir Path dir;
  Engine engine;

  @BeforeEach
  void setUp() throws Exception {
    engine = new Engine(Engine.Config.defaults(dir.resolve("data")));
    Files.writeString(dir.resolve("in.jsonl"), "{\"name\":\"x\"}\n{\"name\":\"y\"}\n");
    engine.execute("CREATE TABLE t (name STRING) WITH ('connector' = 'filesystem', 'path' = '"
        + dir.resolve("in.jsonl") + "', 'format' = 'json')");
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  static String library(String version) {
    return """
        package com.acme.lib;
        public final class Version {
          public static String value() { return "%s"; }
        }
        """.formatted(version);
  }

  static final String FUNCTION = """
      package com.acme.fn;
      import io.weir.udf.*;
      public class LibVersion {
        @Udf public String libVersion(String s) {
          StringBuilder sb = new StringBuilder(com.acme.lib.Version.value());
          if (Thread.currentThread().getContextClassLoader() == LibVersion.class.getClassLoader()) {
            sb.append(":tccl");
          }
          for (String internal : new String[] {"io.weir.engine.Engine",
              "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.kafka.clients.consumer.KafkaConsumer",
              "scala.Option", "org.slf4j.Logger"}) {
            try {
              Class.forName(internal, false, LibVersion.class.getClassLoader());
              sb.append(":sees-").append(internal);
            } catch (ClassNotFoundException expected) {
              // isolated
            }
          }
          return sb.toString();
        }
      }
      """;

  void upload(String name, String libVersion) throws Exception {
    Path jar = TestJars.builder()
        .source("com.acme.lib.Version", library(libVersion))
        .source("com.acme.fn.LibVersion", FUNCTION)
        .build(dir.resolve(name + ".jar"));
    try (InputStream in = Files.newInputStream(jar)) {
      engine.udfs().putJar(name, in);
    }
  }

  @Test
  void twoJarsBundlingTwoVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
    upload("lib-one", "1.0");
    upload("lib-two", "2.0");
    engine.execute("CREATE FUNCTION v1 AS 'com.acme.fn.LibVersion' USING JAR 'lib-one';"
        + "CREATE FUNCTION v2 AS 'com.acme.fn.LibVersion' USING JAR 'lib-two'");
    Query q = ((StatementResult.QueryStarted) engine.execute("SELECT v1(name), v2(name) FROM t").get(0)).query();
    assertTrue(q.await(30, TimeUnit.SECONDS));
    assertEquals(QueryState.FINISHED, q.state(), () -> String.valueOf(q.error()));
    List<Object[]> rows = q.results().read(0, 10, 0).rows();
    assertEquals(2, rows.size());
    assertEquals(List.of("1.0:tccl", "2.0:tccl"), Arrays.asList(rows.get(0)));
  }

  @Test
  void theLoaderOfAJarVersionIsCollectedAfterItsLastQueryStopsAndItsFunctionIsDropped()
      throws Exception {
    upload("gc", "1.0");
    String sha = engine.udfs().jars().get("gc").sha256();
    engine.execute("CREATE FUNCTION v AS 'com.acme.fn.LibVersion' USING JAR 'gc';"
        + "CREATE TABLE gen (name STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '50')");
    assertNull(engine.udfs().liveLoader(sha), "CREATE FUNCTION gives its loader back");
    Query q = ((StatementResult.QueryStarted) engine.execute("SELECT v(name) FROM gen").get(0)).query();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (q.results().size() < 5 && System.nanoTime() < deadline && !q.state().isTerminal()) {
      q.results().read(q.results().size(), 1, 100);
    }
    assertTrue(q.results().size() >= 5, () -> "the query produced rows: " + q.state() + " " + q.error());
    UdfClassLoader live = engine.udfs().liveLoader(sha);
    assertNotNull(live, "a running query holds its jar version's loader");
    WeakReference<ClassLoader> ref = new WeakReference<>(live);
    live = null;

    engine.stop(q.id());
    assertEquals(QueryState.STOPPED, q.state());
    assertNull(engine.udfs().liveLoader(sha), "the last query gave the loader back");
    engine.execute("DROP FUNCTION v");
    assertThrows(UdfManager.InUse.class, () -> {
      engine.execute("CREATE FUNCTION w AS 'com.acme.fn.LibVersion' USING JAR 'gc'");
      engine.udfs().deleteJar("gc");
    });
    engine.execute("DROP FUNCTION w");
    engine.udfs().deleteJar("gc");

    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ref.get() != null && System.nanoTime() < deadline) {
      System.gc();
      byte[][] pressure = new byte[16][];
      for (int i = 0; i < pressure.length; i++) {
        pressure[i] = new byte[1 << 20];
      }
      ref.get();
      Thread.onSpinWait();
    }
    assertNull(ref.get(), "the class loader of the dropped jar version was collected");
    try (var files = Files.list(engine.udfs().jars().directory().resolve("blobs"))) {
      assertEquals(0, files.count(), "the deleted jar's file is gone");
    }
  }
}
