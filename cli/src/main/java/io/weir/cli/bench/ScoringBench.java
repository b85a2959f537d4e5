package io.weir.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cli.demo.WebRequests;
import io.weir.engine.Engine;
import io.weir.engine.errors.WeirException;
import io.weir.udf.ModelFunction;
import io.weir.udf.testing.TestContext;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model-scoring side of {@code weir bench}: web requests in a JSON-lines file, the example
 * UDF jar's {@code anomaly_score} (an XGBoost classifier, 60 trees of depth 5, 9 features), and
 * the baseline the scoring workloads are compared with, measured in the same run: the model's
 * own {@code predict}, called directly in one thread on batches of the same size, over the same
 * requests already in memory as its input records — the features and one xgboost4j {@code
 * inplace_predict} per batch, nothing else. The engine instead reads and decodes the file, runs
 * the query, batches rows for its worker pool, keeps their order and writes the sink.
 *
 * <p>The jar is the one {@code weir demo} bundles; the baseline loads it in a class loader of its
 * own (xgboost4j is not on the CLI's class path), the engine as it loads any UDF jar. Not
 * thread-safe.
 */
public final class ScoringBench implements AutoCloseable {
  /** The example jar, bundled with the CLI. */
  static final String JAR_RESOURCE = "/demo/weir-examples-udf.jar";
  static final String JAR_NAME = "weir-examples";
  static final String FUNCTION_CLASS = "io.weir.examples.udf.AnomalyScore";
  /** Where a scoring script names its input file; {@link #script} output holds it. */
  public static final String REQUESTS_FILE = "${requests-file}";

  private final Path dir;
  private final PrintStream log;
  private final Path jar;
  private final URLClassLoader loader;
  private final ModelFunction<Object, Object> model;
  private final Constructor<?> input;
  private long recordsFor = -1;
  private List<Object> records = List.of();

  private ScoringBench(Path dir, PrintStream log, Path jar, URLClassLoader loader,
      ModelFunction<Object, Object> model, Constructor<?> input) {
    this.dir = dir;
    this.log = log;
    this.jar = jar;
    this.loader = loader;
    this.model = model;
    this.input = input;
  }

  /** Copies the example jar under {@code dir} and opens the baseline's instance of the model. */
  @SuppressWarnings("unchecked")
  public static ScoringBench start(Path dir, PrintStream log) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve("weir-examples-udf.jar");
    try (InputStream in = ScoringBench.class.getResourceAsStream(JAR_RESOURCE)) {
      if (in == null) {
        throw WeirException.internal("the example UDF jar " + JAR_RESOURCE + " is missing from "
            + "the class path; build with 'mvn -DskipTests install'", null);
      }
      Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    URLClassLoader loader = new URLClassLoader("weir-bench-model", new URL[] {jar.toUri().toURL()},
        ScoringBench.class.getClassLoader());
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader); // the model reads its file from the jar's resources
    try {
      Class<?> c = Class.forName(FUNCTION_CLASS, true, loader);
      ModelFunction<Object, Object> model =
          (ModelFunction<Object, Object>) c.getConstructor().newInstance();
      model.open(TestContext.of("anomaly_score"));
      Class<?> request = Class.forName(FUNCTION_CLASS + "$Request", true, loader);
      RecordComponent[] rc = request.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
      }
      return new ScoringBench(dir, log, jar, loader, model, request.getDeclaredConstructor(types));
    } catch (Exception e) {
      loader.close();
      throw WeirException.internal("cannot open " + FUNCTION_CLASS + " from the example jar: " + e, e);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /**
   * A scoring script: the requests file, {@code anomaly_score} from the example jar scoring
   * every request in batches of {@code batch} on {@code workers} workers, into a blackhole.
   */
  static String script(int batch, int workers) {
    return """
        CREATE FUNCTION anomaly_score AS '%s' USING JAR '%s';
        CREATE TABLE requests (client_id STRING, http_method STRING, path STRING, status INT,
          latency_ms DOUBLE, bytes BIGINT
        ) WITH ('connector' = 'filesystem', 'path' = '%s', 'format' = 'json');
        CREATE TABLE sink (client_id STRING, score DOUBLE) WITH ('connector' = 'blackhole');
        SET 'udf.batch-size' = '%d';
        SET 'udf.workers' = '%d';
        INSERT INTO sink
        SELECT client_id, anomaly_score(http_method, path, status, latency_ms, bytes) FROM requests;
        """.formatted(FUNCTION_CLASS, JAR_NAME, REQUESTS_FILE, batch, workers);
  }

  /** Puts the example jar into an engine's jar store, as {@code weir jar upload} would. */
  public void install(Engine engine) {
    try (InputStream in = Files.newInputStream(jar)) {
      engine.udfs().putJar(JAR_NAME, in);
    } catch (IOException e) {
      throw WeirException.internal("cannot read " + jar + ": " + e, e);
    }
  }

  /** The file of N requests (seed 17, as the demo's), written on first use. */
  public Path file(long events) {
    Path file = dir.resolve("requests-" + events + ".jsonl");
    if (Files.exists(file)) {
      return file;
    }
    long t0 = System.nanoTime();
    Path tmp = dir.resolve("requests-" + events + ".jsonl.tmp");
    WebRequests requests = new WebRequests(17);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (long i = 0; i < events; i++) {
        w.write(requests.next().json(null));
        w.write('\n');
      }
    } catch (IOException e) {
      throw WeirException.internal("cannot write " + tmp + ": " + e, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw WeirException.internal("cannot move " + tmp + " to " + file + ": " + e, e);
    }
    log.printf(Locale.ROOT, "bench: wrote %,d requests to %s in %.1f s%n", events, file,
        (System.nanoTime() - t0) / 1e9);
    return file;
  }

  /**
   * The baseline over the N requests of {@link #file}: their input records are built first (not
   * measured), then {@code predict} runs on consecutive batches of {@code batch}.
   */
  public Baseline baseline(long events, int batch) {
    List<Object> in = records(events);
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      double checksum = 0;
      for (int from = 0; from < in.size(); from += batch) {
        List<Object> out = model.predict(in.subList(from, Math.min(in.size(), from + batch)));
        checksum += ((Number) out.get(0)).doubleValue();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuPerRecord = (os.getProcessCpuTime() - cpu0) / (double) in.size();
      double rate = in.size() / seconds;
      log.printf(Locale.ROOT, "bench: %s.predict directly, batches of %d: %,d requests in %.2f s"
          + " = %,.0f requests/s, %.0f ns of process CPU per request (checksum %.3f)%n",
          FUNCTION_CLASS.substring(FUNCTION_CLASS.lastIndexOf('.') + 1), batch, in.size(), seconds,
          rate, cpuPerRecord, checksum);
      return new Baseline(rate, cpuPerRecord);
    } catch (Exception e) {
      throw WeirException.internal("the baseline's predict failed: " + e, e);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** The model's input records for the requests of the file of N, in file order. */
  private List<Object> records(long events) {
    if (recordsFor == events) {
      return records;
    }
    records = List.of();
    ObjectMapper json = new ObjectMapper();
    List<Object> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file(events), StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = json.readTree(line);
        out.add(input.newInstance(n.get("http_method").asText(), n.get("path").asText(),
            n.get("status").asInt(), n.get("latency_ms").asDouble(), n.get("bytes").asLong()));
      }
    } catch (IOException | ReflectiveOperationException e) {
      throw WeirException.internal("cannot read the requests for the baseline: " + e, e);
    }
    records = out;
    recordsFor = events;
    return records;
  }

  @Override
  public void close() throws IOException {
    try {
      model.close();
    } catch (Exception e) {
      log.println("bench: closing the baseline's model failed: " + e);
    }
    loader.close();
  }
}
