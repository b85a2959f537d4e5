package io.weir.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.engine.testing.Await;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API over real HTTP, against one server with its embedded Kafka broker (started once
 * for the class): auth and error statuses, statements, tables, persistent and transient queries,
 * result streams, metrics, and the statements-per-second the API sustains.
 */
class WeirServerTest {
  @TempDir
  static Path dir;

  static WeirServer server;
  static TestHttp http;
  static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start() {
    server = WeirServer.start(ServerOptions.defaults(dir).withPort(0).withResultBufferRows(200)
        .withCommitIntervalMillis(300));
    http = new TestHttp(server.url(), server.token());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // ------------------------------------------------------------------------ auth and errors

  @Test
  void healthzIsOpenAndEveryOtherRouteNeedsTheToken() throws Exception {
    TestHttp anonymous = new TestHttp(server.url(), null);
    assertEquals(200, anonymous.get("/healthz").statusCode());

    HttpResponse<String> noToken = anonymous.get("/v1/info");
    assertEquals(401, noToken.statusCode());
    assertEquals("unauthorized", TestHttp.json(noToken).at("/error/code").asText());
    assertTrue(noToken.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(401, anonymous.get("/v1/nowhere").statusCode(), "unknown routes need a token too");

    TestHttp wrong = new TestHttp(server.url(), server.token() + "x");
    HttpResponse<String> wrongToken = wrong.get("/v1/queries");
    assertEquals(401, wrongToken.statusCode());
    assertFalse(wrongToken.body().contains(server.token()), "the answer never echoes a token");
    assertEquals(401, wrong.postSql("SHOW TABLES").statusCode());

    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve(DataDir.TOKEN))));
    assertEquals(server.token(), Files.readString(dir.resolve(DataDir.TOKEN)).trim());
    assertEquals(server.url().toString(), Files.readString(dir.resolve(DataDir.ENDPOINT)).trim());
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() {
    HttpResponse<String> r = http.get("/v1/nowhere");
    assertEquals(404, r.statusCode());
    assertEquals("not_found", TestHttp.json(r).at("/error/code").asText());

    assertEquals(404, http.get("/v1/queries/no-such-query").statusCode());
    assertEquals(404, http.delete("/v1/queries/no-such-query").statusCode());
    assertEquals(404, http.get("/v1/tables/no_such_table").statusCode());

    HttpResponse<String> put = http.send(http.request("/v1/statements")
        .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(405, put.statusCode());
    assertEquals("method_not_allowed", TestHttp.json(put).at("/error/code").asText());
    assertEquals("POST", put.headers().firstValue("Allow").orElse(""));
    assertEquals(405, http.delete("/v1/tables").statusCode());
  }

  @Test
  void overSizeBodyIs413AndTheConnectionServesOn() {
    String huge = "x".repeat(2 * 1024 * 1024);
    HttpResponse<String> r = http.send(http.request("/v1/statements")
        .header("Content-Type", "application/sql")
        .POST(HttpRequest.BodyPublishers.ofString(huge)));
    assertEquals(413, r.statusCode());
    assertEquals("payload_too_large", TestHttp.json(r).at("/error/code").asText());
    assertEquals(200, http.get("/v1/info").statusCode());
  }

  @Test
  void malformedBodyIs400() {
    HttpResponse<String> r = http.send(http.request("/v1/statements")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": ")));
    assertEquals(400, r.statusCode());
    assertEquals("bad_request", TestHttp.json(r).at("/error/code").asText());
  }

  @Test
  void badSqlIs400WithLineAndColumn() {
    HttpResponse<String> syntax = http.postSql("SHOW TABLES;\nSELEC oops FROM nowhere;");
    assertEquals(400, syntax.statusCode(), syntax.body());
    JsonNode e = TestHttp.json(syntax).get("error");
    assertEquals("user_error", e.get("code").asText());
    assertEquals(2, e.get("line").asInt(), syntax.body());
    assertTrue(e.get("column").asInt() >= 1, syntax.body());

    HttpResponse<String> unknown = http.postSql("SELECT nope\nFROM no_such_table");
    assertEquals(400, unknown.statusCode(), unknown.body());
    JsonNode u = TestHttp.json(unknown).get("error");
    assertTrue(u.get("message").asText().contains("no_such_table"), unknown.body());
    assertEquals(2, u.get("line").asInt(), unknown.body());
    assertEquals(6, u.get("column").asInt(), unknown.body());
  }

  @Test
  void aFailingStatementAnswersWhatTheStatementsBeforeItDid() {
    HttpResponse<String> r = http.postSql("CREATE TABLE done_first (a BIGINT) WITH "
        + "('connector' = 'blackhole');\nCREATE TABLE then_bad (a NO_SUCH_TYPE) WITH "
        + "('connector' = 'blackhole')");
    assertEquals(400, r.statusCode(), r.body());
    JsonNode body = TestHttp.json(r);
    assertEquals(2, body.at("/error/line").asInt(), r.body());
    assertEquals(1, body.get("completed").size(), r.body());
    assertEquals("done", body.at("/completed/0/kind").asText(), r.body());
    assertTrue(body.at("/completed/0/message").asText().contains("done_first"), r.body());
    // It did take effect.
    assertEquals(200, http.get("/v1/tables/done_first").statusCode());
    // A SELECT before the failing statement has no reader: it is stopped, and said so.
    HttpResponse<String> select = http.postSql("CREATE TABLE ticks (n BIGINT) WITH "
        + "('connector' = 'datagen', 'rows-per-second' = '10');\nSELECT n FROM ticks;\n"
        + "SELECT nope FROM ticks");
    assertEquals(400, select.statusCode(), select.body());
    JsonNode stopped = TestHttp.json(select).at("/completed/1");
    assertTrue(stopped.get("message").asText().matches("Query \\S+ stopped: a later statement "
        + "of the request failed\\."), select.body());
    String id = stopped.get("message").asText().split(" ")[1];
    Await.await("query " + id + " stopped", Duration.ofSeconds(10), () ->
        TestHttp.json(http.get("/v1/queries/" + id)).get("state").asText().equals("STOPPED"));
    // A request that fails on its first statement has nothing completed.
    HttpResponse<String> first = http.postSql("CREATE TABLE bad_first (a NO_SUCH_TYPE) WITH "
        + "('connector' = 'blackhole')");
    assertEquals(400, first.statusCode());
    assertTrue(TestHttp.json(first).path("completed").isMissingNode(), first.body());
  }

  @Test
  void aQueryOnAnUnreachableBrokerIs503AndIsNotKept() throws Exception {
    http.sql("CREATE TABLE down_in (a STRING) WITH ('connector' = 'kafka', 'topic' = 'down',\n"
        + "  'format' = 'json', 'properties.bootstrap.servers' = '127.0.0.1:1',\n"
        + "  'properties.default.api.timeout.ms' = '1500');\n"
        + "CREATE TABLE down_out (a STRING) WITH ('connector' = 'kafka', 'topic' = 'down-out',\n"
        + "  'format' = 'json')");
    HttpResponse<String> select = http.postSql("SELECT a FROM down_in");
    assertEquals(503, select.statusCode(), select.body());
    JsonNode e = TestHttp.json(select).get("error");
    assertEquals("unavailable", e.get("code").asText());
    assertTrue(e.get("message").asText().contains("127.0.0.1:1"), select.body());
    assertTrue(e.get("queryId").asText().startsWith("q-"), select.body());

    HttpResponse<String> insert = http.postSql("INSERT INTO down_out SELECT a FROM down_in");
    assertEquals(503, insert.statusCode(), insert.body());
    String id = TestHttp.json(insert).at("/error/queryId").asText();
    assertFalse(Files.readString(dir.resolve(DataDir.COMMAND_LOG)).contains(id),
        "a query whose start failed is not resumed after a restart");
  }

  // ---------------------------------------------------------------------- statements, tables

  @Test
  void ddlIsAnsweredListedAndLogged() throws Exception {
    JsonNode r = http.sql("CREATE TABLE ddl_orders (\n"
        + "  id BIGINT, amount DOUBLE, ts TIMESTAMP(3),\n"
        + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND\n"
        + ") WITH ('connector' = 'kafka', 'topic' = 'ddl-orders', 'format' = 'json');\n"
        + "CREATE VIEW ddl_big AS SELECT id, amount FROM ddl_orders WHERE amount > 100;\n"
        + "SHOW TABLES;");
    JsonNode results = r.get("results");
    assertEquals(3, results.size(), r.toString());
    assertEquals("done", results.get(0).get("kind").asText());
    assertTrue(results.get(0).get("message").asText().contains("ddl_orders"));
    assertEquals("rows", results.get(2).get("kind").asText());
    assertTrue(results.get(2).get("rows").toString().contains("ddl_orders"), r.toString());

    JsonNode tables = TestHttp.json(http.get("/v1/tables")).get("tables");
    assertTrue(tables.toString().contains("\"name\":\"ddl_orders\""), tables.toString());
    assertTrue(tables.toString().contains("\"kind\":\"view\""), tables.toString());

    JsonNode table = TestHttp.json(http.get("/v1/tables/ddl_orders"));
    assertEquals("kafka", table.get("connector").asText());
    assertEquals("ddl-orders", table.at("/options/topic").asText());
    assertEquals("ts", table.at("/columns/2/name").asText());
    assertTrue(table.at("/columns/2/type").asText().startsWith("TIMESTAMP(3)"), table.toString());
    assertTrue(table.get("watermark").asText().startsWith("ts AS "), table.toString());

    String log = Files.readString(dir.resolve(DataDir.COMMAND_LOG));
    assertTrue(log.contains("CREATE TABLE ddl_orders"), log);
    assertTrue(log.indexOf("ddl_orders") < log.indexOf("ddl_big"), "the table replays before its view");

    http.sql("DROP VIEW ddl_big");
    assertEquals(404, http.get("/v1/tables/ddl_big").statusCode());
    assertFalse(Files.readString(dir.resolve(DataDir.COMMAND_LOG)).contains("ddl_big"));
  }

  @Test
  void statementsCanBeSentAsPlainSql() {
    HttpResponse<String> r = http.send(http.request("/v1/statements")
        .header("Content-Type", "application/sql")
        .POST(HttpRequest.BodyPublishers.ofString("SHOW TABLES;")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("rows", TestHttp.json(r).at("/results/0/kind").asText());
  }

  // --------------------------------------------------------------------- persistent queries

  @Test
  void persistentInsertFromKafkaToKafkaRunsReportsMetricsAndStops() throws Exception {
    server.embeddedKafka().createTopic("pq-clicks", 1);
    server.embeddedKafka().createTopic("pq-counts", 1);
    http.sql("CREATE TABLE pq_clicks (user_id STRING, ts TIMESTAMP(3),\n"
        + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
        + "WITH ('connector' = 'kafka', 'topic' = 'pq-clicks', 'format' = 'json',\n"
        + "      'scan.startup.mode' = 'earliest-offset');\n"
        + "CREATE TABLE pq_counts (window_start TIMESTAMP(3), window_end TIMESTAMP(3),\n"
        + "  user_id STRING, clicks BIGINT)\n"
        + "WITH ('connector' = 'kafka', 'topic' = 'pq-counts', 'format' = 'json');");
    // Windows [0 s, 10 s) and [10 s, 20 s): u1 clicks 3 and 2 times, u2 once and 4 times.
    produceClicks("pq-clicks", List.of("u1@1", "u2@2", "u1@3", "u1@9", "u2@11", "u2@12",
        "u1@13", "u2@15", "u1@16", "u2@19"));
    JsonNode started = http.sql("INSERT INTO pq_counts\n"
        + "SELECT window_start, window_end, user_id, COUNT(*) AS clicks\n"
        + "FROM TABLE(TUMBLE(TABLE pq_clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))\n"
        + "GROUP BY window_start, window_end, user_id").at("/results/0");
    assertEquals("query", started.get("kind").asText(), started.toString());
    assertTrue(started.get("persistent").asBoolean());
    String id = started.get("queryId").asText();

    // The watermark passes 10 s only with an event at 11 s or later: the first window closes.
    List<JsonNode> out = consume("pq-counts", 2, Duration.ofSeconds(60));
    assertEquals(List.of("00:00:00 u1=3", "00:00:00 u2=1"), counts(out));
    assertTrue(out.get(0).get("window_start").asText().startsWith("2024-01-01 00:00:00"), out.toString());

    JsonNode info = TestHttp.json(http.get("/v1/queries/" + id));
    assertEquals("RUNNING", info.get("state").asText(), info.toString());
    assertEquals(10, info.at("/metrics/rowsIn").asLong(), info.toString());
    assertEquals(2, info.at("/metrics/rowsOut").asLong(), info.toString());
    assertTrue(info.at("/metrics/watermark").asLong() > 0, info.toString());
    assertFalse(info.get("plan").asText().isBlank());
    assertTrue(TestHttp.json(http.get("/v1/queries")).toString().contains(id));

    String metrics = http.get("/metrics").body();
    assertEquals(10, metric(metrics, "weir_query_rows_in_total", id), metrics);
    produceClicks("pq-clicks", List.of("u1@21", "u1@22", "u2@31"));
    Await.await("rows in to move to 13 in /metrics", Duration.ofSeconds(30),
        () -> metric(http.get("/metrics").body(), "weir_query_rows_in_total", id) == 13);
    List<JsonNode> more = consume("pq-counts", 5, Duration.ofSeconds(60));
    assertEquals(List.of("00:00:00 u1=3", "00:00:00 u2=1", "00:00:10 u1=2", "00:00:10 u2=4",
        "00:00:20 u1=2"), counts(more));
    metrics = http.get("/metrics").body();
    assertEquals(5, metric(metrics, "weir_query_rows_out_total", id), metrics);
    assertTrue(metrics.contains("weir_query_watermark_milliseconds{query=\"" + id + "\""), metrics);
    assertTrue(metrics.contains("weir_http_responses_total{code=\"200\"}"), metrics);

    HttpResponse<String> stopped = http.delete("/v1/queries/" + id);
    assertEquals(200, stopped.statusCode(), stopped.body());
    assertEquals("STOPPED", TestHttp.json(stopped).get("state").asText());
    assertEquals("STOPPED", TestHttp.json(http.get("/v1/queries/" + id)).get("state").asText());
    String log = Files.readString(dir.resolve(DataDir.COMMAND_LOG));
    assertTrue(log.contains("\"queryId\" : \"" + id + "\""), log);
    assertTrue(log.contains("\"status\" : \"stopped\""), log);
  }

  // ---------------------------------------------------------------------- transient queries

  @Test
  void selectStreamsToTwoConcurrentReadersAndResumesFromAnOffset() throws Exception {
    server.embeddedKafka().createTopic("tq-events", 1);
    List<String> clicks = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      clicks.add("u" + (i % 7) + "@" + i);
    }
    produceClicks("tq-events", clicks);
    http.sql("CREATE TABLE tq_events (user_id STRING, ts TIMESTAMP(3))\n"
        + "WITH ('connector' = 'kafka', 'topic' = 'tq-events', 'format' = 'json',\n"
        + "      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')");
    JsonNode started = http.sql("SELECT user_id, ts FROM tq_events").at("/results/0");
    assertEquals("query", started.get("kind").asText(), started.toString());
    assertFalse(started.get("persistent").asBoolean());
    assertEquals("user_id", started.at("/columns/0/name").asText());
    assertTrue(started.at("/columns/1/type").asText().startsWith("TIMESTAMP(3)"));
    String url = started.get("resultsUrl").asText();
    assertEquals("/v1/queries/" + started.get("queryId").asText() + "/results", url);

    CompletableFuture<List<JsonNode>> first = CompletableFuture.supplyAsync(() -> http.results(url));
    CompletableFuture<List<JsonNode>> second = CompletableFuture.supplyAsync(() -> http.results(url));
    List<JsonNode> a = first.get(60, TimeUnit.SECONDS);
    List<JsonNode> b = second.get(60, TimeUnit.SECONDS);
    assertEquals(150, a.size());
    assertEquals(a, b, "two readers see the same rows");
    assertEquals("u0", a.get(0).get("user_id").asText());
    assertEquals("u3", a.get(38).get("user_id").asText());

    List<JsonNode> resumed = http.results(url + "?offset=140");
    assertEquals(a.subList(140, 150), resumed);
    assertEquals(400, http.get(url + "?offset=-1").statusCode());
  }

  @Test
  void aSlowReaderIsToldHowManyRowsItMissed() throws Exception {
    server.embeddedKafka().createTopic("slow-events", 1);
    List<String> clicks = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      clicks.add("u" + i + "@" + i);
    }
    produceClicks("slow-events", clicks);
    http.sql("CREATE TABLE slow_events (user_id STRING, ts TIMESTAMP(3))\n"
        + "WITH ('connector' = 'kafka', 'topic' = 'slow-events', 'format' = 'json',\n"
        + "      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')");
    String id = http.sql("SELECT user_id FROM slow_events").at("/results/0/queryId").asText();
    Await.await("the query to finish", Duration.ofSeconds(60), () ->
        "FINISHED".equals(TestHttp.json(http.get("/v1/queries/" + id)).get("state").asText()));
    // The buffer holds 200 rows: a reader starting at 0 missed the first 300.
    List<JsonNode> lines = http.results("/v1/queries/" + id + "/results");
    assertEquals(201, lines.size());
    assertEquals(300, lines.get(0).at("/@skipped/rows").asLong(), lines.get(0).toString());
    assertEquals(300, lines.get(0).at("/@skipped/offset").asLong());
    assertEquals("u300", lines.get(1).get("user_id").asText());
    assertEquals("u499", lines.get(200).get("user_id").asText());
    assertTrue(http.get("/metrics").body().contains("weir_result_rows_skipped_total"));

    HttpResponse<String> persistentResults = http.get("/v1/queries/" + id + "/results?offset=x");
    assertEquals(400, persistentResults.statusCode());
  }

  // ------------------------------------------------------------------------------- numbers

  /** Measures POST /v1/statements for small DDL on localhost (a bounded loop). */
  @Test
  void statementsPerSecondForSmallDdl() {
    int n = 200;
    http.sql("SHOW TABLES");
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      http.sql("CREATE TABLE bench_" + i + " (id BIGINT, name STRING) WITH ('connector' = 'kafka', "
          + "'topic' = 'bench', 'format' = 'json')");
    }
    double create = n / ((System.nanoTime() - t0) / 1e9);
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      http.sql("DROP TABLE bench_" + i);
    }
    double drop = n / ((System.nanoTime() - t1) / 1e9);
    long t2 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      http.sql("SHOW TABLES");
    }
    double show = n / ((System.nanoTime() - t2) / 1e9);
    System.out.printf("POST /v1/statements, %d each, one client, keep-alive: CREATE TABLE %.0f/s, "
        + "DROP TABLE %.0f/s (each an fsync'd command log write), SHOW TABLES %.0f/s%n",
        n, create, drop, show);
    assertTrue(create > 10 && drop > 10 && show > 10);
    assertEquals(404, http.get("/v1/tables/bench_0").statusCode());
  }

  // ------------------------------------------------------------------------------- helpers

  /** Produces {@code user@second} clicks as JSON with ts = 2024-01-01 00:00:second. */
  static void produceClicks(String topic, List<String> clicks) throws Exception {
    for (String c : clicks) {
      String[] parts = c.split("@");
      int s = Integer.parseInt(parts[1]);
      String ts = String.format("2024-01-01 %02d:%02d:%02d.000", s / 3600, (s / 60) % 60, s % 60);
      producer.send(new ProducerRecord<>(topic, parts[0],
          "{\"user_id\":\"" + parts[0] + "\",\"ts\":\"" + ts + "\"}")).get();
    }
  }

  /** Reads a topic from the start (committed records only) until {@code n} records came. */
  static List<JsonNode> consume(String topic, int n, Duration timeout) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < n && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(TestHttp.JSON.readTree(r.value().getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    assertEquals(n, out.size(), "records in " + topic + ": " + out);
    return out;
  }

  /** "window start time user=count", sorted. */
  static List<String> counts(List<JsonNode> rows) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : rows) {
      out.add(r.get("window_start").asText().substring(11, 19) + " " + r.get("user_id").asText()
          + "=" + r.get("clicks").asLong());
    }
    out.sort(null);
    return out;
  }

  /** The value of a per-query metric in the Prometheus text, or -1. */
  static long metric(String text, String name, String queryId) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{query=\"" + Pattern.quote(queryId)
        + "\"[^}]*\\} (\\S+)$").matcher(text);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }
}
