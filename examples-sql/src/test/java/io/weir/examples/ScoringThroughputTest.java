package io.weir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.runtime.QueryState;
import io.weir.examples.data.WebTraffic;
import io.weir.examples.udf.AnomalyScore;
import io.weir.examples.udf.RequestFeatures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring throughput of the anomaly model through the engine against xgboost4j called directly
 * on the same batches, for batch sizes 1, 64 and 1024.
 *
 * <ul>
 *   <li><b>direct</b>: one thread, the rows' features built and scored with {@code
 *       Booster.inplace_predict} (what {@link AnomalyScore} itself does) in batches of the size;
 *   <li><b>engine</b>: {@code INSERT INTO blackhole SELECT id, anomaly_score(…) FROM requests} over
 *       a JSON-lines file, with {@code udf.batch-size} set, 1 and 2 workers — so it includes
 *       reading and decoding the file, the calc, batching, the pool, ordering and the sink;
 *   <li><b>source only</b>: the same query without the model, for what reading costs.
 * </ul>
 *
 * <p>A smoke run by default (small row counts, to keep the suite fast); the numbers in the report
 * come from {@code -Dweir.bench.rows=200000}:
 *
 * <pre>mvn -pl examples-sql -am test -Dtest=ScoringThroughputTest -Dsurefire.failIfNoSpecifiedTests=false -Dweir.bench.rows=200000</pre>
 */
class ScoringThroughputTest {
  @TempDir Path dir;

  @Test
  void engineAgainstDirectXgboost() throws Exception {
    int rows = Integer.getInteger("weir.bench.rows", 4_000);
    String jfr = System.getProperty("weir.bench.jfr");
    jdk.jfr.Recording recording = null;
    if (jfr != null) {
      recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.start();
    }
    WebTraffic traffic = new WebTraffic(21, 0.02, 300);
    List<AnomalyScore.Request> requests = new ArrayList<>(rows);
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      WebTraffic.Request r = traffic.next();
      requests.add(new AnomalyScore.Request(r.method(), r.path(), r.status(), r.latencyMs(), r.bytes()));
      json.append(String.format(Locale.ROOT, "{\"id\":%d,\"http_method\":\"%s\",\"path\":\"%s\","
          + "\"status\":%d,\"latency_ms\":%s,\"bytes\":%d}%n", i, r.method(), r.path(), r.status(),
          Double.toString(r.latencyMs()), r.bytes()));
    }
    Path file = dir.resolve("requests.jsonl");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    Booster booster;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(AnomalyScore.MODEL)) {
      booster = XGBoost.loadModel(in);
    }
    booster.setParam("nthread", 1);

    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "scoring throughput, %d rows (batch 1: a tenth), load average %.1f on %d cores%n"
            + "wall clock, rows/s (ratio engine/direct)  |  CPU, rows per CPU-second of the whole process%n"
            + "batch | direct 1 thread | engine 1 worker | engine 2 workers | p50 call | direct CPU | engine CPU (1 worker) | datagen, 1 worker%n",
        rows, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors()));
    try (Engine engine = new Engine(Engine.Config.defaults(dir.resolve("data")))) {
      try (InputStream in = Files.newInputStream(ExampleJar.path())) {
        engine.udfs().putJar("weir-examples", in);
      }
      engine.execute("CREATE FUNCTION anomaly_score AS 'io.weir.examples.udf.AnomalyScore' "
          + "USING JAR 'weir-examples';"
          + "CREATE TABLE requests (id BIGINT, http_method STRING, path STRING, status INT, "
          + "latency_ms DOUBLE, bytes BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + file
          + "', 'format' = 'json');"
          + "CREATE TABLE sink (id BIGINT, score DOUBLE) WITH ('connector' = 'blackhole');"
          // The same columns from the generator: no file to read, no JSON to decode.
          + "CREATE TABLE gen (id BIGINT, http_method STRING, path STRING, status INT, "
          + "latency_ms DOUBLE, bytes BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '"
          + rows + "', 'rows-per-second' = '100000000', 'fields.id.kind' = 'sequence', "
          + "'fields.id.start' = '0', 'fields.id.end' = '" + (rows - 1) + "', "
          + "'fields.http_method.length' = '4', 'fields.path.length' = '20', "
          + "'fields.status.min' = '200', 'fields.status.max' = '504', "
          + "'fields.latency_ms.min' = '1', 'fields.latency_ms.max' = '5000', "
          + "'fields.bytes.min' = '0', 'fields.bytes.max' = '10000000')");
      run(engine, "INSERT INTO sink SELECT id, CAST(status AS DOUBLE) FROM requests", rows);
      double sourceOnly = rows / run(engine, "INSERT INTO sink SELECT id, CAST(status AS DOUBLE) FROM requests", rows);
      run(engine, "INSERT INTO sink SELECT id, CAST(status AS DOUBLE) FROM gen", rows);
      double genOnly = rows / run(engine, "INSERT INTO sink SELECT id, CAST(status AS DOUBLE) FROM gen", rows);
      int[] batches = java.util.Arrays.stream(System.getProperty("weir.bench.batches", "1,64,1024")
          .split(",")).mapToInt(Integer::parseInt).toArray();
      for (int batch : batches) {
        int n = batch == 1 ? Math.max(500, rows / 10) : rows;
        direct(booster, requests, n, batch); // warm-up
        long cpu0 = cpu();
        double direct = n / direct(booster, requests, n, batch);
        double directCpu = n / ((cpu() - cpu0) / 1e9);
        double engineCpu = 0;
        double[] engineRate = new double[2];
        long p50 = 0;
        for (int workers = 1; workers <= 2; workers++) {
          String sql = "SET 'udf.batch-size' = '" + batch + "'; SET 'udf.workers' = '" + workers
              + "'; SET 'udf.batch-max-delay' = '50 ms'; SET 'udf.max-in-flight' = '"
              + Math.max(10_000, 8 * batch * workers) + "';"
              + "INSERT INTO sink SELECT id, anomaly_score(http_method, path, status, latency_ms, bytes) "
              + "FROM requests" + (n < rows ? " WHERE id < " + n : "");
          run(engine, sql, n); // warm-up
          Query q = last;
          long c0 = cpu();
          double seconds = run(engine, sql, n);
          if (workers == 1) {
            engineCpu = n / ((cpu() - c0) / 1e9);
          }
          engineRate[workers - 1] = n / seconds;
          FunctionMetrics m = last.metrics().functions.get("anomaly_score");
          assertEquals(n, m.rows.sum(), "every row scored");
          assertTrue(m.batchSizes.max() <= batch);
          if (workers == 1) {
            p50 = m.latencyMicros.quantile(0.5);
          }
          assertTrue(q != null);
        }
        String genSql = "SET 'udf.batch-size' = '" + batch + "'; SET 'udf.workers' = '1'; "
            + "SET 'udf.batch-max-delay' = '50 ms'; SET 'udf.max-in-flight' = '"
            + Math.max(10_000, 8 * batch) + "';"
            + "INSERT INTO sink SELECT id, anomaly_score(http_method, path, status, latency_ms, bytes) "
            + "FROM gen" + (n < rows ? " WHERE id < " + n : "");
        run(engine, genSql, n);
        double genRate = n / run(engine, genSql, n);
        report.append(String.format(Locale.ROOT,
            "%5d | %,15.0f | %,9.0f (%.2f) | %,10.0f (%.2f) | %5d µs | %,10.0f | %,10.0f (%.2f) | %,9.0f (%.2f)%n",
            batch, direct, engineRate[0], engineRate[0] / direct, engineRate[1],
            engineRate[1] / direct, p50, directCpu, engineCpu, engineCpu / directCpu,
            genRate, genRate / direct));
      }
      report.append(String.format(Locale.ROOT, "without the model: file source (read + decode JSON + "
          + "sink) %,.0f rows/s; datagen source %,.0f rows/s%n", sourceOnly, genOnly));
    }
    booster.dispose();
    if (recording != null) {
      recording.dump(Path.of(jfr));
      recording.close();
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "scoring-throughput.txt"), report);
  }

  private Query last;

  /** CPU time of the whole process (every thread: the query's, the pool's, GC, JIT), nanoseconds. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Runs a script to the end; returns its query's seconds. */
  private double run(Engine engine, String script, int expectedRows) throws Exception {
    long t0 = System.nanoTime();
    List<StatementResult> r = engine.execute(script);
    Query q = ((StatementResult.QueryStarted) r.get(r.size() - 1)).query();
    assertTrue(q.await(600, TimeUnit.SECONDS));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(QueryState.FINISHED, q.state(), () -> String.valueOf(q.error()));
    assertEquals(expectedRows, q.metrics().rowsOut.sum());
    last = q;
    return seconds;
  }

  /** The same work as the function, called directly: features and one inplace_predict per batch. */
  private static double direct(Booster b, List<AnomalyScore.Request> requests, int n, int batch)
      throws Exception {
    long t0 = System.nanoTime();
    double sink = 0;
    for (int from = 0; from < n; from += batch) {
      int k = Math.min(batch, n - from);
      float[] x = new float[k * RequestFeatures.COUNT];
      for (int i = 0; i < k; i++) {
        AnomalyScore.Request r = requests.get(from + i);
        RequestFeatures.write(r.method(), r.path(), r.status(), r.latencyMs(), r.bytes(), x,
            i * RequestFeatures.COUNT);
      }
      float[][] p = b.inplace_predict(x, k, RequestFeatures.COUNT, Float.NaN);
      sink += p[0][0];
    }
    assertTrue(sink >= 0);
    return (System.nanoTime() - t0) / 1e9;
  }
}
