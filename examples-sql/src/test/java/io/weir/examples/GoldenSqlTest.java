package io.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.runtime.QueryState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL golden cases: every folder under {@code examples-sql/golden/} holds a {@code query.sql}
 * (Flink SQL text with {@code ${input}}, {@code ${output}} and {@code ${late}} placeholders), an
 * {@code input.jsonl} and either an {@code expected.jsonl} or an {@code expected-error.txt}.
 * Optional: {@code expected-late.jsonl} (the rows the late-data file must hold) and {@code
 * expected-metrics.json} (counters of the query, e.g. {@code {"lateRows": 2}}).
 *
 * <p>Each case runs every statement through one {@link Engine} with a fresh data directory, waits
 * for every started query to finish, and compares the sink directory's rows with {@code
 * expected.jsonl} as multisets of JSON objects (numbers by value, row order ignored). The
 * expected files were computed independently of Weir, by hand and by {@code
 * golden/reference.py}.
 */
class GoldenSqlTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final long TIMEOUT_SECONDS = 60;
  /**
   * Every case runs with the default batch size (its input fits one batch) and with batches of
   * 2 rows: results must not depend on how the source cuts its input into batches.
   */
  private static final int[] BATCH_SIZES = {Engine.Config.defaults(Path.of(".")).batchSize(), 2};

  static Stream<Arguments> cases() throws IOException {
    Path root = goldenRoot();
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isRegularFile(dir.resolve("query.sql"))) {
          for (int batchSize : BATCH_SIZES) {
            cases.add(Arguments.of(Named.of(dir.getFileName().toString(), dir), batchSize));
          }
        }
      }
    }
    if (cases.size() < 20 * BATCH_SIZES.length) {
      throw new IllegalStateException("expected at least 20 golden cases under " + root
          + ", found " + cases.size() / BATCH_SIZES.length);
    }
    return cases.stream();
  }

  /** Maven runs tests in the module directory; an IDE may run them in the project root. */
  static Path goldenRoot() {
    for (String candidate : new String[] {"golden", "examples-sql/golden"}) {
      Path p = Path.of(candidate).toAbsolutePath();
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no golden directory under " + Path.of("").toAbsolutePath());
  }

  @ParameterizedTest(name = "{0} (batches of {1})")
  @MethodSource("cases")
  void golden(Path dir, int batchSize, @TempDir Path tmp) throws Exception {
    String name = dir.getFileName().toString() + " (batches of " + batchSize + ")";
    Path output = tmp.resolve("output");
    Path late = tmp.resolve("late.jsonl");
    String script = Files.readString(dir.resolve("query.sql"))
        .replace("${input}", dir.resolve("input.jsonl").toAbsolutePath().toString())
        .replace("${output}", output.toString())
        .replace("${late}", late.toString());
    Path expectedError = dir.resolve("expected-error.txt");

    Engine.Config defaults = Engine.Config.defaults(tmp.resolve("data"));
    Engine.Config config = new Engine.Config(defaults.dataDirectory(), defaults.kafkaBootstrap(),
        defaults.stdout(), defaults.resultBufferRows(), defaults.commitIntervalMillis(),
        defaults.idleTimeoutMillis(), batchSize);
    try (Engine engine = new Engine(config)) {
      if (Files.exists(expectedError)) {
        checkError(name, engine, script, expectedError);
        return;
      }
      List<Query> queries = new ArrayList<>();
      for (StatementResult r : engine.execute(script)) {
        if (r instanceof StatementResult.QueryStarted started) {
          queries.add(started.query());
        }
      }
      assertFalse(queries.isEmpty(), name + ": query.sql started no query");
      for (Query q : queries) {
        assertTrue(q.await(TIMEOUT_SECONDS, TimeUnit.SECONDS),
            name + ": query " + q.id() + " did not finish within " + TIMEOUT_SECONDS
                + " s; state " + q.state());
        if (q.state() != QueryState.FINISHED) {
          fail(name + ": query " + q.id() + " ended " + q.state() + ": " + q.error()
              + "\nplan:\n" + q.plan(), q.error());
        }
      }

      List<JsonNode> expected = readLines(dir.resolve("expected.jsonl"));
      List<JsonNode> actual = readLines(output);
      assertSameRows(name + ": sink rows", expected, actual);
      assertFieldOrder(name, expected, actual);

      Path expectedLate = dir.resolve("expected-late.jsonl");
      if (Files.exists(expectedLate)) {
        assertSameRows(name + ": late-data rows", readLines(expectedLate),
            originalsOf(readLines(late)));
      }
      Path expectedMetrics = dir.resolve("expected-metrics.json");
      if (Files.exists(expectedMetrics)) {
        assertMetrics(name, JSON.readTree(expectedMetrics.toFile()), queries);
      }
    }
  }

  /** The script must fail (when it runs or when its query does) with each listed word. */
  private static void checkError(String name, Engine engine, String script,
      Path expectedError) throws Exception {
    String message;
    try {
      List<StatementResult> results = engine.execute(script);
      Query q = results.stream()
          .filter(r -> r instanceof StatementResult.QueryStarted)
          .map(r -> ((StatementResult.QueryStarted) r).query())
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + ": the script ran without error and "
              + "started no query, but expected-error.txt says it fails"));
      assertTrue(q.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "query did not end");
      assertEquals(QueryState.FAILED, q.state(), "the query should have failed");
      message = q.error().getMessage();
    } catch (WeirException e) {
      assertEquals(WeirException.Kind.USER, e.kind(), "an unsupported query is a user error: " + e);
      message = e.getMessage();
    }
    for (String word : Files.readAllLines(expectedError)) {
      if (!word.isBlank()) {
        assertTrue(message.toLowerCase(Locale.ROOT).contains(word.trim().toLowerCase(Locale.ROOT)),
            name + ": the error should mention '" + word.trim() + "': " + message);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Reading rows

  /** JSON lines of a file, or of every non-hidden file under a directory; none if absent. */
  static List<JsonNode> readLines(Path path) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    if (!Files.exists(path)) {
      return rows;
    }
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> !hidden(path.relativize(p)))
            .sorted()
            .toList();
      }
    } else {
      files = List.of(path);
    }
    for (Path f : files) {
      int lineNo = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          rows.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(f + ":" + lineNo + " is not JSON: " + line, e);
        }
      }
    }
    return rows;
  }

  /** Flink's and Weir's in-progress files start with a dot; markers with an underscore. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The original records of late-data lines. A line is an object with metadata fields (reason,
   * source, …) and the record as read in {@code original} (text) or {@code original_base64}.
   */
  static List<JsonNode> originalsOf(List<JsonNode> lines) throws IOException {
    List<JsonNode> originals = new ArrayList<>();
    for (JsonNode line : lines) {
      String text = null;
      if (line.hasNonNull("original")) {
        text = line.get("original").asText();
      } else if (line.hasNonNull("original_base64")) {
        text = new String(Base64.getDecoder().decode(line.get("original_base64").asText()),
            StandardCharsets.UTF_8);
      }
      if (text == null) {
        fail("a late-data line holds no 'original' record: " + line);
      }
      originals.add(JSON.readTree(text));
    }
    return originals;
  }

  // ------------------------------------------------------------------------------------------
  // Comparing

  /** A canonical text of a JSON value: object keys sorted, numbers by value. */
  static String canonical(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (node.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      StringBuilder sb = new StringBuilder("{");
      sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
          .append(JSON.getNodeFactory().textNode(k)).append(':').append(v));
      return sb.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (JsonNode element : node) {
        sb.append(sb.length() > 1 ? "," : "").append(canonical(element));
      }
      return sb.append(']').toString();
    }
    return node.toString();
  }

  static void assertSameRows(String what, List<JsonNode> expected, List<JsonNode> actual) {
    Map<String, Integer> missing = new TreeMap<>();
    for (JsonNode row : expected) {
      missing.merge(canonical(row), 1, Integer::sum);
    }
    Map<String, Integer> unexpected = new TreeMap<>();
    for (JsonNode row : actual) {
      String c = canonical(row);
      Integer n = missing.get(c);
      if (n == null) {
        unexpected.merge(c, 1, Integer::sum);
      } else if (n == 1) {
        missing.remove(c);
      } else {
        missing.put(c, n - 1);
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    StringBuilder msg = new StringBuilder(what).append(" differ: expected ")
        .append(expected.size()).append(" rows, got ").append(actual.size()).append('\n');
    msg.append("missing (expected, not produced):\n");
    missing.forEach((row, n) -> msg.append("  ").append(row)
        .append(n > 1 ? "  x" + n : "").append('\n'));
    msg.append("unexpected (produced, not expected):\n");
    unexpected.forEach((row, n) -> msg.append("  ").append(row)
        .append(n > 1 ? "  x" + n : "").append('\n'));
    fail(msg.toString());
  }

  /** Flink's json format writes the fields in the sink's column order. */
  private static void assertFieldOrder(String name, List<JsonNode> expected,
      List<JsonNode> actual) {
    if (expected.isEmpty()) {
      return;
    }
    List<String> order = fieldNames(expected.get(0));
    for (JsonNode row : actual) {
      assertEquals(order, fieldNames(row),
          name + ": fields out of the sink's column order in " + row);
    }
  }

  private static List<String> fieldNames(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertMetrics(String name, JsonNode expected, List<Query> queries) {
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      long actual = 0;
      for (Query q : queries) {
        actual += counter(q.metrics(), e.getKey());
      }
      assertEquals(e.getValue().asLong(), actual, name + ": metric " + e.getKey());
    }
  }

  private static long counter(QueryMetrics m, String name) {
    return switch (name) {
      case "rowsIn" -> m.rowsIn.sum();
      case "rowsOut" -> m.rowsOut.sum();
      case "lateRows" -> m.lateRows.sum();
      case "malformedRows" -> m.malformedRows.sum();
      case "errors" -> m.errors.sum();
      default -> throw new IllegalArgumentException("unknown metric '" + name
          + "' in expected-metrics.json; known: rowsIn, rowsOut, lateRows, malformedRows, errors");
    };
  }
}
