package io.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir bench} at a smoke size, every workload (the four and their variants, the
 * Nexmark queries, the Kafka-fed one with its baseline, the million-key one, the latency ones,
 * the model-scoring ones with theirs),
 * so that the harness never rots: each run must end, read every event and print its JSON line.
 */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void everyWorkloadRunsAtASmokeSize() throws Exception {
    Path json = dir.resolve("bench.jsonl");
    Cli cli = Cli.run("bench", "all", "-n", "20000", "--runs", "1", "--warmup", "0",
        "--json", json.toString(), "--work-dir", dir.resolve("work").toString());
    assertEquals(0, cli.exit, cli.toString());
    ObjectMapper mapper = new ObjectMapper();
    Map<String, JsonNode> runs = new HashMap<>();
    List<String> summaries = new ArrayList<>();
    for (String line : Files.readAllLines(json)) {
      JsonNode n = mapper.readTree(line);
      if (n.path("summary").asBoolean()) {
        summaries.add(n.get("workload").asText());
      } else {
        runs.put(n.get("workload").asText(), n);
      }
    }
    List<String> expected = List.of("pass", "tumble", "hop", "hop60", "tumble-100", "hop60-100",
        "keys1m", "kafka-hop", "latency-q0", "latency-hop", "score", "score-64", "score-64x2",
        "nexmark-q0", "nexmark-q1",
        "nexmark-q2", "nexmark-q5", "nexmark-q7");
    assertEquals(expected, summaries);
    for (String w : expected) {
      JsonNode r = runs.get(w);
      assertEquals(20_000, r.get("events").asLong(), w);
      assertTrue(r.get("events_per_s").asLong() > 0, w);
      assertTrue(r.get("rows_out").asLong() > 0, w + " emitted nothing: " + r);
      assertTrue(r.has("peak_heap_mb") && r.has("gc_ms"), w);
    }
    assertEquals(20_000, runs.get("pass").get("rows_out").asLong());
    // 20,000 events at 10,000 per second of event time: 2 s, so 3 ten-second windows of HOP(2, 10)
    // end inside or after the data, each with every auction seen so far.
    assertTrue(runs.get("hop").get("rows_out").asLong() > runs.get("tumble").get("rows_out").asLong());
    assertEquals(1_030_000, runs.get("pass").get("flink_events_per_s").asLong());
    assertTrue(runs.get("kafka-hop").get("baseline_events_per_s").asLong() > 0);
    assertTrue(runs.get("latency-q0").has("latency_p99_ms"));
    assertTrue(runs.get("latency-hop").has("latency_p50_ms"));
    for (String w : List.of("score", "score-64", "score-64x2")) {
      JsonNode r = runs.get(w);
      assertEquals(20_000, r.get("rows_out").asLong(), w + ": every request scored");
      assertTrue(r.get("baseline_events_per_s").asLong() > 0, w);
      assertTrue(r.get("worker_cpu_s").asDouble() > 0, w + ": the model ran on the workers");
    }
  }

  @Test
  void unknownWorkloadsAreNamed() {
    Cli cli = Cli.run("bench", "hop61");
    assertEquals(2, cli.exit);
  }
}
