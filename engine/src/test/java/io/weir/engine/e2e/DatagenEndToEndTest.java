package io.weir.engine.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.runtime.QueryState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generator with a computed rowtime into a file sink: the benchmark's shape, small. */
class DatagenEndToEndTest {
  @TempDir Path dir;

  @Test
  void sequenceWithComputedRowtimeThroughHopIntoFiles() throws Exception {
    String script = """
        CREATE TABLE bid (
          seq BIGINT, auction BIGINT,
          ts AS TO_TIMESTAMP_LTZ(seq / 10, 3),
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH (
          'connector' = 'datagen', 'number-of-rows' = '100000', 'rows-per-second' = '1000000000000',
          'fields.seq.kind' = 'sequence', 'fields.seq.start' = '0', 'fields.seq.end' = '99999',
          'fields.auction.min' = '1', 'fields.auction.max' = '3');
        CREATE TABLE hops (window_start TIMESTAMP(3), window_end TIMESTAMP(3), c BIGINT)
          WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
        INSERT INTO hops SELECT window_start, window_end, COUNT(*)
        FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '5' SECOND))
        GROUP BY window_start, window_end;
        """.formatted(dir.resolve("out"));
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("data")))) {
      Query q = ((StatementResult.QueryStarted) engine.execute(script).get(2)).query();
      assertTrue(q.await(60, TimeUnit.SECONDS));
      assertEquals(QueryState.FINISHED, q.state(), () -> String.valueOf(q.error()));
      assertEquals(100_000, q.metrics().rowsIn.sum());
      assertEquals(0, q.metrics().lateRows.sum());
    }
    // seq / 10 ms: 10 rows per millisecond, rows span [0, 10 s). HOP(2 s, 5 s): windows start
    // every 2 s from -4 s; each holds 20,000 rows per full 2 s slice it overlaps.
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    long total = 0;
    for (String line : lines) {
      long start = java.time.LocalDateTime.parse(
          line.replaceAll(".*\"window_start\":\"([^\"]+)\".*", "$1").replace(' ', 'T'))
          .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
      long c = Long.parseLong(line.replaceAll(".*\"c\":(\\d+).*", "$1"));
      long from = Math.max(start, 0);
      long to = Math.min(start + 5_000, 10_000);
      assertEquals((to - from) * 10, c, line);
      total += c;
    }
    assertEquals(7, lines.size(), lines.toString()); // starts -4, -2, 0, 2, 4, 6, 8 s
    assertEquals(100_000 * 5 / 2, total);
  }
}
