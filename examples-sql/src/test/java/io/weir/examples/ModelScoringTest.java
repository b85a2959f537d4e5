package io.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.runtime.QueryState;
import io.weir.examples.data.SensorSeries;
import io.weir.examples.data.WebTraffic;
import io.weir.examples.udf.AnomalyScore;
import io.weir.examples.udf.PredictNext;
import io.weir.examples.udf.RequestFeatures;
import io.weir.examples.udf.SeriesFeatures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XGBoost models through the engine give exactly what xgboost4j gives when called directly
 * on the same rows — in the same order — whatever the batch size (1, 7, 256) and the number of
 * workers: the model function over web requests, and the window function over HOP(1 s, 10 s)
 * windows of sensor readings.
 */
class ModelScoringTest {
  static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @TempDir static Path dir;
  static Engine engine;

  @BeforeAll
  static void start() throws Exception {
    engine = new Engine(Engine.Config.defaults(dir.resolve("data")));
    try (InputStream in = Files.newInputStream(ExampleJar.path())) {
      engine.udfs().putJar("weir-examples", in);
    }
    engine.execute("""
        CREATE FUNCTION anomaly_score AS 'io.weir.examples.udf.AnomalyScore' USING JAR 'weir-examples';
        CREATE FUNCTION predict_next AS 'io.weir.examples.udf.PredictNext' USING JAR 'weir-examples';
        """);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static List<List<Object>> select(String script) throws Exception {
    List<StatementResult> r = engine.execute(script);
    Query q = ((StatementResult.QueryStarted) r.get(r.size() - 1)).query();
    assertTrue(q.await(120, TimeUnit.SECONDS));
    assertEquals(QueryState.FINISHED, q.state(), () -> String.valueOf(q.error()));
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] row : q.results().read(0, 1_000_000, 0).rows()) {
      rows.add(java.util.Arrays.asList(row));
    }
    return rows;
  }

  static Booster booster(String resource) throws Exception {
    try (InputStream in = ModelScoringTest.class.getClassLoader().getResourceAsStream(resource)) {
      Booster b = XGBoost.loadModel(in);
      b.setParam("nthread", 1);
      return b;
    }
  }

  /** xgboost4j directly: a DMatrix per batch of {@code batch} rows, Booster.predict. */
  static List<Double> direct(Booster b, float[] x, int rows, int cols, int batch) throws Exception {
    List<Double> out = new ArrayList<>();
    for (int from = 0; from < rows; from += batch) {
      int n = Math.min(batch, rows - from);
      DMatrix d = new DMatrix(java.util.Arrays.copyOfRange(x, from * cols, (from + n) * cols), n, cols, Float.NaN);
      for (float[] p : b.predict(d)) {
        out.add((double) p[0]);
      }
      d.dispose();
    }
    return out;
  }

  @Test
  void anomalyScoresEqualDirectPredictionsInOrder() throws Exception {
    int n = 3000;
    WebTraffic traffic = new WebTraffic(5, 0.03, 300);
    StringBuilder json = new StringBuilder();
    float[] x = new float[n * RequestFeatures.COUNT];
    long t0 = 1_704_067_200_000L;
    for (int i = 0; i < n; i++) {
      WebTraffic.Request r = traffic.next();
      Integer status = i % 97 == 0 ? null : r.status();
      json.append(String.format(Locale.ROOT, "{\"id\":%d,\"client_id\":\"%s\",\"http_method\":\"%s\","
          + "\"path\":\"%s\",\"status\":%s,\"latency_ms\":%s,\"bytes\":%d,\"ts\":\"%s\"}%n", i,
          r.clientId(), r.method(), r.path(), status, Double.toString(r.latencyMs()), r.bytes(),
          TS.format(Instant.ofEpochMilli(t0 + i))));
      RequestFeatures.write(r.method(), r.path(), status, r.latencyMs(), r.bytes(), x,
          i * RequestFeatures.COUNT);
    }
    Path file = dir.resolve("requests.jsonl");
    Files.writeString(file, json);
    engine.execute("CREATE TABLE requests (id BIGINT, client_id STRING, http_method STRING, path STRING, "
        + "status INT, latency_ms DOUBLE, bytes BIGINT, ts TIMESTAMP(3)) WITH ("
        + "'connector' = 'filesystem', 'path' = '" + file + "', 'format' = 'json')");
    Booster b = booster(AnomalyScore.MODEL);
    for (int batch : new int[] {1, 7, 256}) {
      List<Double> expected = direct(b, x, n, RequestFeatures.COUNT, batch);
      for (int workers : new int[] {1, 3}) {
        List<List<Object>> rows = select("SET 'udf.batch-size' = '" + batch + "'; "
            + "SET 'udf.workers' = '" + workers + "'; "
            + "SELECT id, anomaly_score(http_method, path, status, latency_ms, bytes) AS score FROM requests");
        assertEquals(n, rows.size());
        for (int i = 0; i < n; i++) {
          assertEquals(List.of((long) i, expected.get(i)), rows.get(i),
              "row " + i + ", batch " + batch + ", workers " + workers);
        }
      }
    }
    b.dispose();
  }

  @Test
  void windowPredictionsEqualDirectPredictionsForEveryHopWindow() throws Exception {
    long t0 = 1_704_067_200_000L;
    List<long[]> times = new ArrayList<>();
    StringBuilder json = new StringBuilder();
    Map<String, List<SensorSeries.Reading>> bySensor = new TreeMap<>();
    List<SensorSeries> series = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      series.add(new SensorSeries(70 + s, 5 + 6 * s, s, t0, 4.0));
    }
    // Interleave the sensors in time order (no late rows: every window fires whole).
    SensorSeries.Reading[] next = new SensorSeries.Reading[series.size()];
    for (int s = 0; s < next.length; s++) {
      next[s] = series.get(s).next();
    }
    while (true) {
      int pick = 0;
      for (int s = 1; s < next.length; s++) {
        if (next[s].ts() < next[pick].ts()) {
          pick = s;
        }
      }
      SensorSeries.Reading r = next[pick];
      if (r.ts() >= t0 + 60_000) {
        break;
      }
      String sensor = "s" + pick;
      bySensor.computeIfAbsent(sensor, k -> new ArrayList<>()).add(r);
      json.append(String.format(Locale.ROOT, "{\"sensor\":\"%s\",\"v\":%s,\"ts\":\"%s\"}%n", sensor,
          Double.toString(r.value()), TS.format(Instant.ofEpochMilli(r.ts()))));
      next[pick] = series.get(pick).next();
    }
    Path file = dir.resolve("readings.jsonl");
    Files.writeString(file, json);
    engine.execute("CREATE TABLE readings (sensor STRING, v DOUBLE, ts TIMESTAMP(3), "
        + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', "
        + "'path' = '" + file + "', 'format' = 'json')");

    // Directly: every HOP(1 s, 10 s) window of every sensor, features, one Booster call each.
    Map<String, Double> expected = new HashMap<>();
    List<String> keys = new ArrayList<>();
    List<float[]> features = new ArrayList<>();
    List<Double> refs = new ArrayList<>();
    for (Map.Entry<String, List<SensorSeries.Reading>> e : bySensor.entrySet()) {
      List<SensorSeries.Reading> rs = e.getValue();
      long firstEnd = Math.floorDiv(rs.get(0).ts(), 1000) * 1000 + 1000;
      long lastEnd = Math.floorDiv(rs.get(rs.size() - 1).ts(), 1000) * 1000 + 10_000;
      for (long end = firstEnd; end <= lastEnd; end += 1000) {
        List<SensorSeries.Reading> w = new ArrayList<>();
        for (SensorSeries.Reading r : rs) {
          if (r.ts() >= end - 10_000 && r.ts() < end) {
            w.add(r);
          }
        }
        if (w.isEmpty()) {
          continue;
        }
        long[] ts = w.stream().mapToLong(SensorSeries.Reading::ts).toArray();
        double[] v = w.stream().mapToDouble(SensorSeries.Reading::value).toArray();
        float[] f = new float[SeriesFeatures.COUNT];
        SeriesFeatures.write(ts, v, ts.length, f, 0);
        features.add(f);
        refs.add(SeriesFeatures.reference(ts, v, ts.length));
        keys.add(e.getKey() + "@" + end);
      }
    }
    Booster b = booster(PredictNext.MODEL);
    float[] x = new float[features.size() * SeriesFeatures.COUNT];
    for (int i = 0; i < features.size(); i++) {
      System.arraycopy(features.get(i), 0, x, i * SeriesFeatures.COUNT, SeriesFeatures.COUNT);
    }
    List<Double> deltas = direct(b, x, features.size(), SeriesFeatures.COUNT, 512);
    for (int i = 0; i < keys.size(); i++) {
      expected.put(keys.get(i), Math.round((refs.get(i) + deltas.get(i)) * 1000) / 1000.0);
    }
    b.dispose();

    for (int batch : new int[] {1, 7, 256}) {
      List<List<Object>> rows = select("SET 'udf.batch-size' = '" + batch + "'; SET 'udf.workers' = '3';"
          + "SELECT sensor, window_end, predict_next(ts, v) AS next_v "
          + "FROM TABLE(HOP(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '10' SECOND)) "
          + "GROUP BY sensor, window_start, window_end");
      assertEquals(expected.size(), rows.size(), "windows, batch " + batch);
      long lastEnd = Long.MIN_VALUE;
      for (List<Object> row : rows) {
        String key = row.get(0) + "@" + row.get(1);
        assertEquals(expected.get(key), row.get(2), key + ", batch " + batch);
        assertTrue((Long) row.get(1) >= lastEnd, "windows come out in time order");
        lastEnd = (Long) row.get(1);
      }
    }
  }
}
