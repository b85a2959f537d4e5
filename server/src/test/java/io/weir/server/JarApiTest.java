package io.weir.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.engine.udf.ExampleFunctions;
import io.weir.engine.udf.PoolOptions;
import io.weir.engine.udf.TestJars;
import io.weir.engine.udf.UdfManager;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jar upload over real HTTP: bodies streamed to the content-addressed store, every unsafe name
 * or body refused with 400 (413 over the size limit) and nothing written outside the store, the
 * token required, {@code DELETE} refused while a function uses the jar, functions and jars kept
 * across a restart, and per-function metrics in the query and Prometheus answers.
 */
class JarApiTest {
  @TempDir static Path dir;
  static Path data;
  static WeirServer server;
  static TestHttp http;
  static Path examples;
  static final long LIMIT = 64 * 1024;

  static ServerOptions options() {
    int threads = 2;
    return ServerOptions.defaults(data).withPort(0).withCommitIntervalMillis(300)
        .withUdf(new UdfManager.Config(threads, PoolOptions.defaults(threads), LIMIT));
  }

  @BeforeAll
  static void start() {
    data = dir.resolve("data");
    examples = ExampleFunctions.jar(dir.resolve("examples.jar"));
    server = WeirServer.start(options());
    http = new TestHttp(server.url(), server.token());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> upload(TestHttp client, String rawNameQuery, HttpRequest.BodyPublisher body) {
    return client.send(client.request("/v1/jars" + rawNameQuery)
        .header("Content-Type", "application/java-archive").POST(body));
  }

  static String q(String name) {
    return "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  static Set<String> filesUnder(Path root) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()));
    }
    return out;
  }

  @Test
  void uploadListUseDeleteAndKeepAcrossARestart() throws Exception {
    HttpResponse<String> up = upload(http, q("examples"), HttpRequest.BodyPublishers.ofFile(examples));
    assertEquals(201, up.statusCode(), up.body());
    JsonNode jar = TestHttp.json(up);
    assertEquals("examples", jar.get("name").asText());
    assertEquals(Files.size(examples), jar.get("sizeBytes").asLong());
    assertEquals(64, jar.get("sha256").asText().length());

    HttpResponse<String> list = http.get("/v1/jars");
    assertEquals(200, list.statusCode());
    assertEquals("examples", TestHttp.json(list).at("/jars/0/name").asText());

    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"v\":1.5}\n{\"v\":2.5}\n");
    HttpResponse<String> created = http.postSql("CREATE FUNCTION doubler AS 'com.example.udf.Doubler' "
        + "USING JAR 'examples'; CREATE TABLE nums (v DOUBLE) WITH ('connector' = 'filesystem', "
        + "'path' = '" + in + "', 'format' = 'json')");
    assertEquals(200, created.statusCode(), created.body());
    assertTrue(created.body().contains("model function (arg0 DOUBLE) -> DOUBLE"), created.body());

    HttpResponse<String> select = http.postSql("SELECT doubler(v) AS d FROM nums");
    assertEquals(200, select.statusCode(), select.body());
    String id = TestHttp.json(select).at("/results/0/queryId").asText();
    String rows = http.get("/v1/queries/" + id + "/results").body();
    assertTrue(rows.contains("3.0") && rows.contains("5.0"), rows);
    JsonNode info = TestHttp.json(http.get("/v1/queries/" + id));
    assertEquals("doubler", info.at("/metrics/functions/0/name").asText(), info.toString());
    assertEquals(2, info.at("/metrics/functions/0/rows").asLong(), info.toString());
    String prom = http.get("/metrics").body();
    assertTrue(prom.contains("weir_udf_rows_total{query=\"" + id + "\",function=\"doubler\",kind=\"model\"} 2"), prom);
    assertTrue(prom.contains("weir_query_paused_partitions{query=\"" + id + "\""), prom);

    HttpResponse<String> inUse = http.delete("/v1/jars/examples");
    assertEquals(409, inUse.statusCode(), inUse.body());
    assertTrue(inUse.body().contains("in use by function doubler"), inUse.body());
    assertTrue(TestHttp.json(http.get("/v1/jars")).at("/jars/0/usedBy/0").asText().contains("doubler"));

    // A restart re-creates the function from the command log, from the same jar version.
    server.close();
    server = WeirServer.start(options());
    http = new TestHttp(server.url(), server.token());
    HttpResponse<String> show = http.postSql("SHOW FUNCTIONS");
    assertTrue(show.body().contains("doubler") && show.body().contains(jar.get("sha256").asText().substring(0, 12)),
        show.body());

    assertEquals(200, http.postSql("DROP FUNCTION doubler").statusCode());
    assertEquals(200, http.delete("/v1/jars/examples").statusCode());
    assertEquals(404, http.delete("/v1/jars/examples").statusCode());
    assertEquals(0, TestHttp.json(http.get("/v1/jars")).get("jars").size());
    assertEquals(Set.of("index.json"), filesUnder(data.resolve("engine/jars")),
        "the deleted jar's file is gone");
  }

  @Test
  void unsafeUploadsAreRefusedAndWriteNothingOutsideTheStore() throws Exception {
    Path small = TestJars.builder().resource("a.txt", "a").build(dir.resolve("small.jar"));
    Path slip = TestJars.rawZip(dir.resolve("slip.jar"), "ok.txt", "../../outside.txt");
    Set<String> before = filesUnder(dir);
    byte[] jarBytes = Files.readAllBytes(small);
    for (String name : List.of("../evil", "../../etc/passwd", "/etc/passwd", "a/b", "a\0b",
        "x".repeat(300), "..", ".hidden", "a b", "C:\\evil")) {
      HttpResponse<String> r = upload(http, q(name), HttpRequest.BodyPublishers.ofByteArray(jarBytes));
      assertEquals(400, r.statusCode(), name + ": " + r.body());
      assertTrue(r.body().contains("not allowed"), r.body());
    }
    HttpResponse<String> noName = upload(http, "", HttpRequest.BodyPublishers.ofByteArray(jarBytes));
    assertEquals(400, noName.statusCode());
    assertTrue(noName.body().contains("needs ?name=NAME"), noName.body());

    HttpResponse<String> notJar = upload(http, q("text"), HttpRequest.BodyPublishers.ofString("hello, not a zip"));
    assertEquals(400, notJar.statusCode());
    assertTrue(notJar.body().contains("not a readable jar"), notJar.body());

    HttpResponse<String> zipSlip = upload(http, q("slip"), HttpRequest.BodyPublishers.ofFile(slip));
    assertEquals(400, zipSlip.statusCode());
    assertTrue(zipSlip.body().contains("'../../outside.txt'"), zipSlip.body());

    byte[] big = new byte[(int) LIMIT + 1];
    HttpResponse<String> declared = upload(http, q("big"), HttpRequest.BodyPublishers.ofByteArray(big));
    assertEquals(413, declared.statusCode());
    assertTrue(declared.body().contains("larger than the limit of " + LIMIT + " bytes"), declared.body());
    HttpResponse<String> streamed = upload(http, q("big"),
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertEquals(413, streamed.statusCode(), "a chunked body is cut off at the limit");

    TestHttp anonymous = new TestHttp(server.url(), null);
    HttpResponse<String> noToken = upload(anonymous, q("anon"), HttpRequest.BodyPublishers.ofByteArray(jarBytes));
    assertEquals(401, noToken.statusCode());
    assertEquals(401, anonymous.postSql("CREATE FUNCTION f AS 'x.Y' USING JAR 'anon'").statusCode());

    Set<String> after = filesUnder(dir);
    after.removeAll(before);
    assertTrue(after.stream().allMatch(f -> f.startsWith("data/engine/jars/") || f.startsWith("data/engine/queries")
        || f.startsWith("data/commands.json") || f.startsWith("data/kafka")),
        "only the store and the server's own files changed: " + after);
    for (JsonNode j : TestHttp.json(http.get("/v1/jars")).get("jars")) {
      assertEquals("examples", j.get("name").asText(), "no refused upload is listed");
    }
    try (Stream<Path> incoming = Files.list(data.resolve("engine/jars/incoming"))) {
      assertEquals(0, incoming.count(), "no partial upload is left behind");
    }
    // The connection that refused an upload is closed; a new one is served.
    assertEquals(200, http.get("/v1/jars").statusCode());
  }
}
