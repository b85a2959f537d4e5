package io.weir.engine.runtime;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.SideOutput;
import io.weir.engine.connectors.SideOutputs;
import io.weir.engine.connectors.SourceReader;
import io.weir.engine.connectors.TableDescriptor;
import io.weir.engine.connectors.format.Formats;
import io.weir.engine.connectors.format.RowEncoder;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.CalcSpec;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.SinkSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.graph.WindowAggSpec;
import io.weir.engine.graph.WindowSpec;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.operators.Operator;
import io.weir.engine.operators.OperatorContext;
import io.weir.engine.operators.calc.CalcOperator;
import io.weir.engine.operators.window.WindowAggregateOperator;
import io.weir.engine.state.rocksdb.RocksDbWindowStore;
import io.weir.engine.udf.FunctionDef;
import io.weir.engine.udf.UdfManager;
import io.weir.engine.udf.UdfSession;
import java.util.Set;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one query in one thread: reads the source, pushes batches and watermarks through the
 * chained operators into the sink, and commits progress. All vertices of the job graph run
 * chained in this task (parallelism 1); their edges say where a scaled-out deployment would
 * regroup rows by key.
 *
 * <p>Progress is committed every commit interval and at the end: operators flush their state,
 * the sink flushes, then the source commits its position — never the other way round.
 */
public final class QueryTask implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryTask.class);

  private final String queryId;
  private final JobGraph graph;
  private final TaskConfig config;
  private final QueryMetrics metrics = new QueryMetrics();
  private final ResultBuffer results;
  private final PrintStream stdout;
  private final Map<String, String> properties;
  private final UdfManager udfs;
  private final CountDownLatch done = new CountDownLatch(1);

  private volatile QueryState state = QueryState.STARTING;
  private volatile WeirException error;
  private volatile boolean stopRequested;

  /**
   * @param results where a transient query's rows go, or null when the graph ends in a table
   * @param properties query properties; {@code late-data.*}, {@code dead-letter.*} override the
   *     source table's options
   */
  public QueryTask(String queryId, JobGraph graph, TaskConfig config, ResultBuffer results,
      PrintStream stdout, Map<String, String> properties) {
    this(queryId, graph, config, results, stdout, properties, null);
  }

  /**
   * A task whose graph may call user functions.
   *
   * @param udfs the engine's user functions (jar versions, worker pool), or null when the graph
   *     calls none
   */
  public QueryTask(String queryId, JobGraph graph, TaskConfig config, ResultBuffer results,
      PrintStream stdout, Map<String, String> properties, UdfManager udfs) {
    this.udfs = udfs;
    this.queryId = queryId;
    this.graph = graph;
    this.config = config;
    this.results = results;
    this.stdout = stdout;
    this.properties = Map.copyOf(properties);
  }

  public String queryId() {
    return queryId;
  }

  public QueryState state() {
    return state;
  }

  /** Why the query failed, or null. */
  public WeirException error() {
    return error;
  }

  public QueryMetrics metrics() {
    return metrics;
  }

  public ResultBuffer results() {
    return results;
  }

  /** Asks the query to stop after its current batch, committing its position. */
  public void stop() {
    stopRequested = true;
  }

  /** Waits until the query finished, stopped or failed; false on timeout. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  @Override
  public void run() {
    List<OperatorSpec> specs = new ArrayList<>();
    for (JobGraph.Vertex v : graph.vertices()) {
      specs.addAll(v.chain());
    }
    SourceSpec sourceSpec = (SourceSpec) specs.get(0);
    List<AutoCloseable> resources = new ArrayList<>();
    Chain chain = null;
    UdfSession session = UdfSession.NONE;
    try {
      Path queryDir = config.stateDirectory().resolve(queryId);
      Files.createDirectories(queryDir);
      ConnectorContext ctx = new ConnectorContext(queryId, queryDir, config.defaultKafkaBootstrap(),
          stdout, metrics);
      TableDescriptor source = withProperties(new TableDescriptor(sourceSpec.table(),
          sourceSpec.physicalSchema(), sourceSpec.options()));
      SideOutput late = SideOutputs.create("late-data", source, ctx);
      if (late != null) {
        resources.add(late);
      }
      SideOutput deadLetters = SideOutputs.create("dead-letter", source, ctx);
      if (deadLetters != null) {
        resources.add(deadLetters);
      }
      Set<FunctionDef> functions = UdfStages.used(graph);
      if (!functions.isEmpty()) {
        if (udfs == null) {
          throw WeirException.internal("query calls user functions but the task has none", null);
        }
        session = udfs.openSession(queryId, functions, properties, metrics);
      }
      RowEncoder physicalJson = Formats.encoder(new TableDescriptor(sourceSpec.table(),
          sourceSpec.physicalSchema(), Map.of("format", "json")));
      List<Operator> operators = new ArrayList<>();
      WindowSpec firingWindow = null;
      for (int i = 1; i < specs.size(); i++) {
        operators.add(UdfStages.callsFunctions(specs.get(i))
            ? UdfStages.operator(specs.get(i), session, deadLetters)
            : createOperator(specs.get(i), ctx));
        if (firingWindow == null && specs.get(i) instanceof WindowAggSpec w) {
          firingWindow = w.window();
        }
      }
      chain = new Chain(operators, config.batchSize());
      Chain theChain = chain;
      long[] emitted = {Long.MIN_VALUE};
      SourceDriver driver = new SourceDriver(sourceSpec, metrics, late, deadLetters,
          ignoreParseErrors(source), physicalJson, idleTimeout(source), firingWindow,
          config.batchSize(), (batch, wm) -> {
            theChain.push(batch);
            if (wm > emitted[0]) {
              theChain.watermark(wm);
              emitted[0] = wm;
              metrics.watermark.set(wm);
            }
          });
      for (int i = 0; i < operators.size(); i++) {
        operators.get(i).open(new Context(i + 1, specs.get(i), specs.get(i + 1), queryDir, late));
      }
      SourceReader reader = Connectors.forTable(source).createReader(source, ctx);
      resources.add(reader);
      reader.open();
      state = QueryState.RUNNING;
      LOG.info("query {} running", queryId);
      loop(reader, driver, chain, late, deadLetters);
    } catch (WeirException e) {
      fail(e.in(queryId, null));
    } catch (IOException e) {
      fail(WeirException.external("cannot create the state directory: " + e.getMessage(), e));
    } catch (RuntimeException | Error e) {
      fail(WeirException.internal("query " + queryId + " failed: " + e, e));
    } finally {
      List<Throwable> closeErrors = new ArrayList<>();
      if (chain != null) {
        chain.close(closeErrors);
      }
      try {
        session.close();
      } catch (RuntimeException e) {
        closeErrors.add(e);
      }
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          closeErrors.add(e);
        }
      }
      for (Throwable t : closeErrors) {
        LOG.warn("query {}: error while closing", queryId, t);
      }
      if (results != null) {
        results.end(error == null ? null : error.toString());
      }
      done.countDown();
    }
  }

  private void loop(SourceReader reader, SourceDriver driver, Chain chain, SideOutput late,
      SideOutput deadLetters) {
    long lastCommit = System.currentTimeMillis();
    boolean more = true;
    // Backpressure and results of asynchronous stages (user functions on the worker pool).
    FlowControl flow = new FlowControl(chain, metrics);
    while (more && !stopRequested) {
      driver.beforePoll(reader.splitCount());
      more = flow.poll(reader, driver, config.batchSize(), 100);
      long now = System.currentTimeMillis();
      driver.afterPoll(reader.splitCount(), now);
      driver.flush();
      flow.pump(reader);
      if (now - lastCommit >= config.commitIntervalMillis()) {
        flow.drain(reader, driver);
        commit(chain, reader, late, deadLetters);
        lastCommit = now;
      }
    }
    if (!more) {
      // A bounded source ended: every window fires.
      flow.drain(reader, driver);
      chain.watermark(Long.MAX_VALUE);
      flow.drain(reader, driver);
      metrics.watermark.set(Long.MAX_VALUE);
    }
    flow.drain(reader, driver);
    commit(chain, reader, late, deadLetters);
    state = more ? QueryState.STOPPED : QueryState.FINISHED;
    LOG.info("query {} {}", queryId, state.name().toLowerCase());
  }

  private static void commit(Chain chain, SourceReader reader, SideOutput late,
      SideOutput deadLetters) {
    chain.flush();
    if (late != null) {
      late.flush();
    }
    if (deadLetters != null) {
      deadLetters.flush();
    }
    reader.commit();
  }

  /** The one place a spec becomes an operator. */
  private Operator createOperator(OperatorSpec spec, ConnectorContext ctx) {
    if (spec instanceof CalcSpec calc) {
      return new CalcOperator(calc);
    }
    if (spec instanceof WindowAggSpec window) {
      return new WindowAggregateOperator(window, RocksDbWindowStore::open);
    }
    if (spec instanceof SinkSpec sink) {
      if (sink.table() == null) {
        return new ResultOperator(results);
      }
      TableDescriptor table = new TableDescriptor(sink.table(), sink.schema(), sink.options());
      return new SinkOperator(Connectors.forTable(table).createWriter(table, ctx));
    }
    throw WeirException.internal("not an operator in the middle of a chain: " + spec.explain(), null);
  }

  private TableDescriptor withProperties(TableDescriptor table) {
    Map<String, String> merged = new HashMap<>(table.options());
    properties.forEach((k, v) -> {
      if (k.startsWith("late-data.") || k.startsWith("dead-letter.")
          || k.equals("scan.watermark.idle-timeout") || k.equals("weir.resume")) {
        merged.put(k, v);
      }
    });
    return new TableDescriptor(table.name(), table.physicalSchema(), merged);
  }

  /** Generators have no format and never produce malformed records. */
  private static boolean ignoreParseErrors(TableDescriptor source) {
    boolean hasFormat = source.option("format") != null || source.option("value.format") != null;
    return hasFormat && Formats.ignoreParseErrors(source);
  }

  private long idleTimeout(TableDescriptor source) {
    String v = source.option("scan.watermark.idle-timeout");
    if (v == null) {
      return config.idleTimeoutMillis();
    }
    return Durations.parseMillis(v, "scan.watermark.idle-timeout");
  }

  private void fail(WeirException e) {
    error = e;
    metrics.errors.increment();
    state = QueryState.FAILED;
    if (e.kind() == WeirException.Kind.INTERNAL) {
      LOG.error("query {} failed", queryId, e);
    } else {
      LOG.warn("query {} failed: {}", queryId, e.toString());
    }
  }

  /** What an operator sees of this task. */
  private final class Context implements OperatorContext {
    private final String operatorId;
    private final Path directory;
    private final SideOutput late;
    private final OperatorSpec upstream;
    private RowEncoder inputJson;

    Context(int index, OperatorSpec upstream, OperatorSpec spec, Path queryDir, SideOutput late) {
      this.operatorId = index + "-" + spec.getClass().getSimpleName().replace("Spec", "");
      this.directory = queryDir.resolve(operatorId);
      this.late = late;
      this.upstream = upstream;
    }

    @Override
    public String queryId() {
      return queryId;
    }

    @Override
    public String operatorId() {
      return operatorId;
    }

    @Override
    public QueryMetrics metrics() {
      return metrics;
    }

    @Override
    public Path stateDirectory() {
      try {
        return Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void lateRow(Object[] row) {
      metrics.lateRows.increment();
      if (late != null) {
        if (inputJson == null) {
          // The row as the operator received it: the upstream step's output, as JSON.
          inputJson = Formats.encoder(new TableDescriptor(operatorId,
              upstream.outputSchema(), Map.of("format", "json")));
        }
        late.write(inputJson.encode(row),
            Map.of("reason", "late at operator " + operatorId, "operator", operatorId));
      }
    }
  }
}
