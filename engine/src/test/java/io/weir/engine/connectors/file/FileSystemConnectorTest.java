package io.weir.engine.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.connectors.CollectingRecords;
import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SinkWriter;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.data.DataType;
import io.weir.engine.data.DataType.Kind;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.RowBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemConnectorTest {
  static final Schema SCHEMA = Schema.of(new Field("id", DataType.of(Kind.BIGINT)),
      new Field("name", DataType.of(Kind.STRING)));

  @TempDir
  Path tmp;

  final Connector fs = Connectors.forName("filesystem");

  ConnectorContext context() {
    return new ConnectorContext("q1", tmp, null, new PrintStream(System.out), new QueryMetrics());
  }

  static TableDescriptor table(Path path, String... options) {
    Map<String, String> map = new HashMap<>();
    map.put("connector", "filesystem");
    map.put("format", "json");
    map.put("path", path.toString());
    for (int i = 0; i < options.length; i += 2) {
      map.put(options[i], options[i + 1]);
    }
    return new TableDescriptor("events", SCHEMA, map);
  }

  CollectingRecords readAll(TableDescriptor t, int batch) {
    fs.validate(t);
    try (SourceReader reader = fs.createReader(t, context())) {
      reader.open();
      assertTrue(reader.isBounded());
      assertEquals(1, reader.splitCount());
      return CollectingRecords.drain(reader, batch, 10_000);
    }
  }

  static List<Object> ids(CollectingRecords r) {
    List<Object> ids = new ArrayList<>();
    for (Object[] row : r.rows) {
      ids.add(row[0]);
    }
    return ids;
  }

  @Test
  void readsADirectoryInPathOrderSkippingHiddenFilesAndBlankLines() throws IOException {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir.resolve("sub"));
    Files.createDirectories(dir.resolve(".staging"));
    Files.createDirectories(dir.resolve("_temporary"));
    Files.writeString(dir.resolve("b.jsonl"), "{\"id\":3,\"name\":\"c\"}\n\n{\"id\":4}\r\n");
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\":1,\"name\":\"a\"}\n  \n{\"id\":2}");
    Files.writeString(dir.resolve("sub/c.jsonl"), "{\"id\":5}\n");
    Files.writeString(dir.resolve(".part-x.inprogress.y"), "{\"id\":100}\n");
    Files.writeString(dir.resolve("_SUCCESS"), "{\"id\":101}\n");
    Files.writeString(dir.resolve(".staging/d.jsonl"), "{\"id\":102}\n");
    Files.writeString(dir.resolve("_temporary/e.jsonl"), "{\"id\":103}\n");
    Files.writeString(dir.resolve("empty.jsonl"), "");

    for (int batch : new int[] {1, 2, 1000}) {
      CollectingRecords r = readAll(table(dir), batch);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(r), "batch " + batch);
      assertArrayEquals(new Object[] {3L, "c"}, r.rows.get(2));
      assertEquals("{\"id\":4}", new String(r.originals.get(3), UTF_8));
      assertTrue(r.malformed.isEmpty());
      assertTrue(r.splits.stream().allMatch(s -> s == 0));
    }
    // A single file works as a path too.
    assertEquals(List.of(3L, 4L), ids(readAll(table(dir.resolve("b.jsonl")), 10)));
  }

  @Test
  void reportsMalformedLinesWithFileAndLine() throws IOException {
    Path file = tmp.resolve("data.jsonl");
    Files.writeString(file, "{\"id\":1}\nnot json\n\n{\"id\":\"x\"}\n{\"id\":2}\n{\"id\":3");
    CollectingRecords r = readAll(table(file), 100);
    assertEquals(List.of(1L, 2L), ids(r));
    assertEquals(3, r.malformed.size());
    String name = file.toAbsolutePath().toString();
    CollectingRecords.Malformed first = r.malformed.get(0);
    assertEquals("file=" + name + " line=2", first.position());
    assertEquals(Map.of("file", name, "line", "2"), first.metadata());
    assertEquals("not json", new String(first.original(), UTF_8));
    assertTrue(first.reason().contains("not valid JSON"), first.reason());
    CollectingRecords.Malformed second = r.malformed.get(1);
    assertEquals("file=" + name + " line=4", second.position());
    assertTrue(second.reason().contains("field 'id'"), second.reason());
    // The last line lacks its closing brace.
    assertEquals("file=" + name + " line=6", r.malformed.get(2).position());
    assertTrue(r.malformed.get(2).reason().startsWith("truncated JSON"), r.malformed.get(2).reason());
  }

  @Test
  void readsVeryLongLines() throws IOException {
    Path file = tmp.resolve("long.jsonl");
    String big = "x".repeat(300_000);
    Files.writeString(file, "{\"id\":1,\"name\":\"" + big + "\"}\n{\"id\":2}\n");
    CollectingRecords r = readAll(table(file), 100);
    assertEquals(List.of(1L, 2L), ids(r));
    assertEquals(big, r.rows.get(0)[1]);
  }

  @Test
  void missingPathIsAUserErrorAtOpen() {
    TableDescriptor t = table(tmp.resolve("nope"));
    SourceReader reader = fs.createReader(t, context());
    WeirException e = assertThrows(WeirException.class, reader::open);
    assertEquals(WeirException.Kind.USER, e.kind());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  static List<Path> visible(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  static List<Path> hidden(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  static RowBatch batch(long from, long to) {
    RowBatch b = new RowBatch(16);
    for (long i = from; i < to; i++) {
      b.add(new Object[] {i, i % 2 == 0 ? "n" + i : null});
    }
    return b;
  }

  @Test
  void sinkPublishesPartFilesOnlyOnFlush() throws IOException {
    Path dir = tmp.resolve("out/nested");
    TableDescriptor t = table(dir);
    fs.validate(t);
    SinkWriter w = fs.createWriter(t, context());
    w.open();
    assertTrue(Files.isDirectory(dir));
    w.write(batch(0, 3));
    assertEquals(List.of(), visible(dir));
    assertEquals(1, hidden(dir).size());
    String inProgress = hidden(dir).get(0).getFileName().toString();
    assertTrue(inProgress.matches("\\.part-[0-9a-f-]{36}-0-0\\.inprogress\\.[0-9a-f-]{36}"),
        inProgress);
    // Readers skip the in-progress file.
    assertEquals(List.of(), ids(readAll(table(dir), 10)));

    w.flush();
    List<Path> parts = visible(dir);
    assertEquals(1, parts.size());
    String name = parts.get(0).getFileName().toString();
    assertTrue(name.matches("part-[0-9a-f-]{36}-0-0"), name);
    assertEquals(inProgress.substring(1, inProgress.indexOf(".inprogress")), name);
    assertEquals(List.of(), hidden(dir));
    assertEquals("{\"id\":0,\"name\":\"n0\"}\n{\"id\":1,\"name\":null}\n{\"id\":2,\"name\":\"n2\"}\n",
        Files.readString(parts.get(0)));

    w.flush(); // nothing new: no new file
    assertEquals(1, visible(dir).size());
    w.write(batch(3, 5));
    w.close();
    parts = visible(dir);
    assertEquals(2, parts.size());
    assertTrue(parts.get(1).getFileName().toString().endsWith("-0-1")
        || parts.get(0).getFileName().toString().endsWith("-0-1"));
    // Read back through the source: every row once, in order.
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids(readAll(table(dir), 2)));
  }

  @Test
  void sinkRollsBigFilesButKeepsThemHiddenUntilFlush() throws IOException {
    Path dir = tmp.resolve("rolled");
    TableDescriptor t = table(dir, "sink.rolling-policy.file-size", "40b");
    fs.validate(t);
    SinkWriter w = fs.createWriter(t, context());
    w.open();
    w.write(batch(0, 10));
    assertEquals(List.of(), visible(dir));
    assertTrue(hidden(dir).size() >= 4, hidden(dir).toString());
    w.flush();
    assertEquals(List.of(), hidden(dir));
    List<Path> parts = visible(dir);
    assertTrue(parts.size() >= 4, parts.toString());
    long lines = 0;
    for (Path p : parts) {
      lines += Files.readAllLines(p).size();
    }
    assertEquals(10, lines);
    List<Object> ids = ids(readAll(table(dir), 100));
    assertEquals(10, ids.size());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
        ids.stream().sorted().toList());
    w.close();
  }

  @Test
  void sinkRefusesAPathThatIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    SinkWriter w = fs.createWriter(table(file), context());
    WeirException e = assertThrows(WeirException.class, w::open);
    assertEquals(WeirException.Kind.USER, e.kind());
  }

  @Test
  void validateNamesTheBadOption() {
    Map<String, String> noPath = Map.of("connector", "filesystem", "format", "json");
    WeirException e = assertThrows(WeirException.class,
        () -> fs.validate(new TableDescriptor("events", SCHEMA, noPath)));
    assertTrue(e.getMessage().contains("'path'"), e.getMessage());
    e = assertThrows(WeirException.class, () -> fs.validate(table(tmp, "paht", "x")));
    assertTrue(e.getMessage().contains("'paht'"), e.getMessage());
    e = assertThrows(WeirException.class, () -> fs.validate(table(tmp, "format", "csv")));
    assertTrue(e.getMessage().contains("'csv'"), e.getMessage());
    e = assertThrows(WeirException.class,
        () -> fs.validate(table(tmp, "sink.rolling-policy.file-size", "big")));
    assertTrue(e.getMessage().contains("'big'"), e.getMessage());
    e = assertThrows(WeirException.class,
        () -> fs.validate(table(tmp, "dead-letter.path", "a", "dead-letter.topic", "b")));
    assertTrue(e.getMessage().contains("dead-letter.path"), e.getMessage());
    assertEquals(128L << 20, FileSystemConnector.parseMemorySize("128MB"));
    assertEquals(1024, FileSystemConnector.parseMemorySize("1 kb"));
    fs.validate(table(tmp, "json.ignore-parse-errors", "true", "dead-letter.path", "x"));
  }

  @Test
  void fileSideOutputAppendsJsonLines() throws IOException {
    Path file = tmp.resolve("dlq/dead.jsonl");
    TableDescriptor t = table(tmp, "dead-letter.path", file.toString());
    assertNull(SideOutputs.create(SideOutputs.LATE_DATA, t, context()));
    try (SideOutput out = SideOutputs.create(SideOutputs.DEAD_LETTER, t, context())) {
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("source", "events");
      meta.put("reason", "field 'id': expected BIGINT, got \"x\"");
      meta.put("line", "4");
      meta.put("file", "/data/in.jsonl");
      out.write("{\"id\":\"x\"}".getBytes(UTF_8), meta);
      out.write(new byte[] {(byte) 0xff, 0x00, 0x41}, Map.of("reason", "bad", "source", "s"));
      out.write(null, Map.of("reason", "late", "source", "gen"));
      out.flush();
      assertEquals(3, Files.readAllLines(file).size());
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals("{\"reason\":\"field 'id': expected BIGINT, got \\\"x\\\"\",\"source\":\"events\","
        + "\"file\":\"/data/in.jsonl\",\"line\":\"4\",\"original\":\"{\\\"id\\\":\\\"x\\\"}\"}",
        lines.get(0));
    assertEquals("{\"reason\":\"bad\",\"source\":\"s\",\"original_base64\":\"/wBB\"}",
        lines.get(1));
    assertEquals("{\"reason\":\"late\",\"source\":\"gen\",\"original\":null}", lines.get(2));
    // A second side output appends to the same file.
    try (SideOutput out = SideOutputs.create(SideOutputs.DEAD_LETTER, t, context())) {
      out.write("x".getBytes(UTF_8), Map.of("reason", "r", "source", "s"));
    }
    assertEquals(4, Files.readAllLines(file).size());
  }

  @Test
  void sideOutputOptionsAreChecked() {
    WeirException e = assertThrows(WeirException.class, () -> SideOutputs.create(
        SideOutputs.DEAD_LETTER, table(tmp, "dead-letter.pth", "x"), context()));
    assertTrue(e.getMessage().contains("dead-letter.pth"), e.getMessage());
    e = assertThrows(WeirException.class, () -> SideOutputs.create(SideOutputs.LATE_DATA,
        table(tmp, "late-data.path", "x", "late-data.format", "csv"), context()));
    assertTrue(e.getMessage().contains("late-data.format"), e.getMessage());
  }
}
