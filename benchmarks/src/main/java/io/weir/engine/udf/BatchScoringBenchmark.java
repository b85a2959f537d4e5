package io.weir.engine.udf;

import io.weir.engine.metrics.QueryMetrics;
import io.weir.udf.ModelFunction;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per row of batch scoring with the example XGBoost model ({@code anomaly_score} of
 * the example UDF jar, 60 trees of depth 5, 9 features), {@value #ROWS} web requests per
 * invocation cut into batches of {@code batch}:
 *
 * <ul>
 *   <li>{@code direct}: the function's own {@code predict} on lists of its input records, built
 *       beforehand — features and one xgboost4j {@code inplace_predict} per batch, nothing else;
 *   <li>{@code engine}: what the scoring operator does with the same rows as argument tuples of
 *       engine values: {@link BatchFunction#input} builds each row's input record (on the query
 *       thread, in a query), {@link BatchFunction#call} sets the context class loader, calls
 *       {@code predict} and checks and converts the results (on a worker).
 * </ul>
 *
 * The difference is the engine's cost per row, both threads together. The jar is loaded as a
 * query would load it (its own class loader; xgboost4j is not on this class path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchScoringBenchmark {
  static final int ROWS = 1024;
  /** The example jar, bundled as a resource by this module's build. */
  static final String JAR = "/udf/weir-examples-udf.jar";
  static final String FUNCTION = "io.weir.examples.udf.AnomalyScore";

  @Param({"1", "64", "1024"})
  public int batch;

  private Path dir;
  private UdfManager manager;
  private UdfSession session;
  private BatchFunction engine;
  private ModelFunction<Object, Object> direct;
  private List<List<Object[]>> tupleBatches;
  private List<List<Object>> recordBatches;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setup() throws Throwable {
    dir = Files.createTempDirectory("weir-jmh-scoring-");
    manager = new UdfManager(dir.resolve("jars"), UdfManager.Config.standard());
    try (InputStream in = BatchScoringBenchmark.class.getResourceAsStream(JAR)) {
      if (in == null) {
        throw new IllegalStateException(JAR + " is not on the class path: build with mvn package");
      }
      manager.putJar("weir-examples", in);
    }
    FunctionDef def = manager.define("anomaly_score", FUNCTION, "weir-examples", Map.of());
    session = manager.openSession("jmh", List.of(def), Map.of(), new QueryMetrics());
    engine = session.instances(new FunctionRef(def, 0), 1).get(0);

    UdfClassLoader loader = manager.liveLoader(def.jarSha256());
    Class<?> functionClass = Class.forName(FUNCTION, true, loader);
    direct = (ModelFunction<Object, Object>) functionClass.getConstructor().newInstance();
    direct.open(new EngineFunctionContext("anomaly_score", "jmh", Map.of(), loader,
        new QueryMetrics().function("anomaly_score", "model")));

    // Realistic requests from the generator the model was trained on, as engine values.
    Object traffic = Class.forName("io.weir.examples.data.WebTraffic", true, loader)
        .getConstructor(long.class, double.class, int.class).newInstance(7L, 0.02, 300);
    var next = traffic.getClass().getMethod("next");
    Class<?> input = Class.forName(FUNCTION + "$Request", true, loader);
    RecordComponent[] rc = input.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
    }
    Constructor<?> record = input.getDeclaredConstructor(types);
    tupleBatches = new ArrayList<>();
    recordBatches = new ArrayList<>();
    for (int from = 0; from < ROWS; from += batch) {
      List<Object[]> tuples = new ArrayList<>();
      List<Object> records = new ArrayList<>();
      for (int i = from; i < Math.min(ROWS, from + batch); i++) {
        Object r = next.invoke(traffic);
        Object[] t = {value(r, "method"), value(r, "path"), value(r, "status"),
            value(r, "latencyMs"), value(r, "bytes")};
        tuples.add(t);
        records.add(record.newInstance(t));
      }
      tupleBatches.add(tuples);
      recordBatches.add(records);
    }
  }

  private static Object value(Object record, String component) throws ReflectiveOperationException {
    return record.getClass().getMethod(component).invoke(record);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    direct.close();
    session.close();
    manager.close();
    io.weir.benchmarks.Scratch.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void direct(Blackhole bh) throws Exception {
    for (List<Object> b : recordBatches) {
      bh.consume(direct.predict(b));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void engine(Blackhole bh) throws Throwable {
    for (List<Object[]> b : tupleBatches) {
      List<Object> inputs = new ArrayList<>(b.size());
      for (Object[] tuple : b) {
        inputs.add(engine.input(tuple));
      }
      bh.consume(engine.call(inputs));
    }
  }
}
