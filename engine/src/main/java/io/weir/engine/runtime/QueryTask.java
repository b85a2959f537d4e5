package io.weir.engine.runtime;

import io.weir.engine.connectors.ConnectorContext;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.connectors.QueryLog;
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
import io.weir.engine.state.WindowStoreFactory;
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
 * <p><b>Commits.</b> Every commit interval and at the end: operators flush their state, the sink
 * and the side outputs flush, then the position is committed — never the other way round. A
 * persistent query on a Kafka source keeps its state in changelogs ({@link QueryLog}, {@link
 * ChangelogStores}, {@link TaskStateLog}); with {@link ProcessingGuarantee#EXACTLY_ONCE} the
 * sink rows, side-output records, changelog records and source offsets of one interval commit in
 * one Kafka transaction.
 *
 * <p><b>Options</b> (query property, else sink table option, else source table option): {@code
 * processing.guarantee} ({@code exactly_once}, the default when source and sink are Kafka tables,
 * else {@code at_least_once}), {@code commit.interval} (default {@value
 * #DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL_MS} ms for exactly-once, the engine's interval
 * otherwise), {@code transaction.timeout} (default {@value #DEFAULT_TRANSACTION_TIMEOUT_MS} ms; at
 * least the commit interval, at most the broker's {@code transaction.max.timeout.ms}). Bad
 * values are refused when the task is created, before anything runs.
 *
 * <p><b>Failures.</b> An EXTERNAL error (broker unreachable, a commit that timed out, a fenced
 * producer) in a persistent query with a Kafka source that has run (or resumes an earlier run,
 * {@code weir.resume}) stops the attempt and starts a new one after a backoff ({@value #INITIAL_BACKOFF_MS} ms, doubling up to {@value #MAX_BACKOFF_MS} ms; state
 * {@link QueryState#RESTARTING}): the new attempt re-creates every client, restores the state from
 * the changelogs and resumes at the committed offsets. A query that never ran fails at once, so
 * that whoever started it hears why. Any other error (a poison record in {@code fail} mode, a bug)
 * fails the query ({@link QueryState#FAILED}) with a {@link QueryFailure} that
 * names the operator and, for a record, its topic, partition and offset; what was not committed
 * is aborted, so nothing after the last commit is visible to {@code read_committed} readers.
 * Being fenced ({@link QueryLog.FencedException}) restarts the query once; fenced again within
 * {@value #FENCED_AGAIN_MS} ms, it fails: another instance of the query runs elsewhere.
 *
 * <p><b>Threading.</b> {@link #run} on one thread; the accessors and {@link #stop} from any.
 */
public final class QueryTask implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryTask.class);

  /** Commit interval of an exactly-once query, as Kafka Streams' default under exactly-once. */
  public static final long DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL_MS = 100;
  /** Transaction timeout of an exactly-once query: the Kafka producer's default. */
  public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;
  public static final String COMMIT_INTERVAL = "commit.interval";
  public static final String TRANSACTION_TIMEOUT = "transaction.timeout";
  /** Fault injection for the chaos harness: pause this long inside every commit. */
  public static final String CHAOS_COMMIT_PAUSE = "weir.chaos.commit-pause";
  static final long INITIAL_BACKOFF_MS = 500;
  static final long MAX_BACKOFF_MS = 10_000;
  /** An attempt that ran this long resets the backoff. */
  private static final long STABLE_RUN_MS = 60_000;
  /** Fenced twice within this long: another instance runs; fail instead of fencing it back. */
  static final long FENCED_AGAIN_MS = 5 * 60_000;

  private final String queryId;
  private final JobGraph graph;
  private final TaskConfig config;
  private final QueryMetrics metrics = new QueryMetrics();
  private final ResultBuffer results;
  private final PrintStream stdout;
  private final Map<String, String> properties;
  private final UdfManager udfs;
  private final CountDownLatch done = new CountDownLatch(1);
  private final List<OperatorSpec> specs = new ArrayList<>();
  private final SourceSpec sourceSpec;
  private final SinkSpec sinkSpec;
  private final ProcessingGuarantee guarantee;
  private final long commitIntervalMillis;
  private final long transactionTimeoutMillis;
  private final long commitPauseMillis;
  /** A persistent query on a Kafka source: changelogs, and restarts on transient errors. */
  private final boolean durable;
  private final Object wakeUp = new Object();

  private volatile QueryState state = QueryState.STARTING;
  private volatile WeirException error;
  private volatile QueryFailure failure;
  private volatile boolean stopRequested;
  private volatile int restarts;
  private volatile long restoredRecords;
  private volatile long restoreMillis;
  private long lastFencedAt = Long.MIN_VALUE / 2;
  private volatile boolean ranOnce;

  /**
   * @param results where a transient query's rows go, or null when the graph ends in a table
   * @param properties query properties; {@code late-data.*}, {@code dead-letter.*} override the
   *     source table's options; see the class comment for the processing options
   * @throws WeirException USER when the processing options are invalid or cannot work together
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
    for (JobGraph.Vertex v : graph.vertices()) {
      specs.addAll(v.chain());
    }
    this.sourceSpec = (SourceSpec) specs.get(0);
    this.sinkSpec = specs.get(specs.size() - 1) instanceof SinkSpec s ? s : null;
    boolean kafkaSource = "kafka".equals(sourceSpec.options().get("connector"));
    boolean persistent = sinkSpec != null && sinkSpec.table() != null;
    boolean kafkaSink = persistent && "kafka".equals(sinkSpec.options().get("connector"));
    String g = option(ProcessingGuarantee.OPTION);
    if (g == null) {
      guarantee = kafkaSource && kafkaSink
          ? ProcessingGuarantee.EXACTLY_ONCE : ProcessingGuarantee.AT_LEAST_ONCE;
    } else {
      guarantee = ProcessingGuarantee.parse(g);
      if (guarantee == ProcessingGuarantee.EXACTLY_ONCE && !(kafkaSource && kafkaSink)) {
        throw WeirException.user("'" + ProcessingGuarantee.OPTION + "' = 'exactly_once' needs a "
            + "Kafka source and a Kafka sink table; this query reads a '"
            + sourceSpec.options().get("connector") + "' table and writes "
            + (persistent ? "a '" + sinkSpec.options().get("connector") + "' table"
                : "a result stream (SELECT)"));
      }
    }
    String interval = option(COMMIT_INTERVAL);
    commitIntervalMillis = interval != null ? Durations.parseMillis(interval, COMMIT_INTERVAL)
        : guarantee == ProcessingGuarantee.EXACTLY_ONCE
            ? DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL_MS : config.commitIntervalMillis();
    if (commitIntervalMillis < 1) {
      throw WeirException.user("'" + COMMIT_INTERVAL + "' must be at least 1 ms, got '" + interval + "'");
    }
    String timeout = option(TRANSACTION_TIMEOUT);
    transactionTimeoutMillis = timeout != null ? Durations.parseMillis(timeout, TRANSACTION_TIMEOUT)
        : Math.max(DEFAULT_TRANSACTION_TIMEOUT_MS, commitIntervalMillis);
    if (guarantee == ProcessingGuarantee.EXACTLY_ONCE && transactionTimeoutMillis < commitIntervalMillis) {
      throw WeirException.user("'" + TRANSACTION_TIMEOUT + "' = " + transactionTimeoutMillis
          + " ms is shorter than '" + COMMIT_INTERVAL + "' = " + commitIntervalMillis + " ms: the "
          + "broker would abort every transaction before the query commits it. Set '"
          + TRANSACTION_TIMEOUT + "' to at least the commit interval");
    }
    if (guarantee == ProcessingGuarantee.EXACTLY_ONCE && transactionTimeoutMillis > Integer.MAX_VALUE) {
      throw WeirException.user("'" + TRANSACTION_TIMEOUT + "' = " + transactionTimeoutMillis
          + " ms is too large");
    }
    String pause = properties.get(CHAOS_COMMIT_PAUSE);
    commitPauseMillis = pause == null ? 0 : Durations.parseMillis(pause, CHAOS_COMMIT_PAUSE);
    durable = persistent && kafkaSource;
  }

  /** A processing option: the query property, else the sink table's option, else the source's. */
  private String option(String key) {
    String v = properties.get(key);
    if (v == null && sinkSpec != null && sinkSpec.table() != null) {
      v = sinkSpec.options().get(key);
    }
    if (v == null) {
      v = sourceSpec.options().get(key);
    }
    return v == null || v.isBlank() ? null : v;
  }

  public String queryId() {
    return queryId;
  }

  public QueryState state() {
    return state;
  }

  /** Why the query failed, or (while {@link QueryState#RESTARTING}) why it restarts; else null. */
  public WeirException error() {
    return error;
  }

  /** Where and why the query failed or last restarted, or null. */
  public QueryFailure failure() {
    return failure;
  }

  public QueryMetrics metrics() {
    return metrics;
  }

  public ResultBuffer results() {
    return results;
  }

  public ProcessingGuarantee guarantee() {
    return guarantee;
  }

  public long commitIntervalMillis() {
    return commitIntervalMillis;
  }

  /** The transaction timeout (meaningful for exactly-once only). */
  public long transactionTimeoutMillis() {
    return transactionTimeoutMillis;
  }

  /** How many times the query restarted after a transient failure. */
  public int restarts() {
    return restarts;
  }

  /** Changelog records replayed into state stores by the latest start, and how long it took. */
  public long restoredRecords() {
    return restoredRecords;
  }

  public long restoreMillis() {
    return restoreMillis;
  }

  /** Asks the query to stop after its current batch, committing its position. */
  public void stop() {
    stopRequested = true;
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  /** Waits until the query finished, stopped or failed; false on timeout. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  @Override
  public void run() {
    boolean resume = "true".equalsIgnoreCase(properties.get("weir.resume"));
    long backoff = INITIAL_BACKOFF_MS;
    try {
      while (true) {
        long started = System.currentTimeMillis();
        WeirException e;
        try {
          attempt(resume);
          return;
        } catch (WeirException x) {
          e = x.in(queryId, x.operatorId());
        } catch (RuntimeException | Error x) {
          fail(WeirException.internal("query " + queryId + " failed: " + x, x));
          return;
        }
        // A query that never ran fails at once (the client that started it hears why); one
        // that ran, or resumes an earlier run (a server restart), restarts until it runs again.
        if (!durable || e.kind() != WeirException.Kind.EXTERNAL || stopRequested
            || !(resume || ranOnce)) {
          fail(e);
          return;
        }
        if (e instanceof QueryLog.FencedException) {
          long now = System.currentTimeMillis();
          if (now - lastFencedAt < FENCED_AGAIN_MS) {
            // Fenced again soon after a restart: another instance of this query runs. Stop
            // here instead of fencing it back.
            fail(WeirException.user("query " + queryId + " was fenced twice within "
                + FENCED_AGAIN_MS / 1000 + " s: another instance of it runs elsewhere, so this"
                + " one stops. Run each query in one place only. Last: " + e.getMessage())
                .in(queryId, e.operatorId()));
            return;
          }
          lastFencedAt = now;
        }
        if (System.currentTimeMillis() - started > STABLE_RUN_MS) {
          backoff = INITIAL_BACKOFF_MS;
        }
        error = e;
        failure = QueryFailure.of(e);
        state = QueryState.RESTARTING;
        restarts++;
        LOG.warn("query {} restarts in {} ms (restart {}): {}", queryId, backoff, restarts,
            e.toString());
        sleepUnlessStopped(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        if (stopRequested) {
          state = QueryState.STOPPED;
          LOG.info("query {} stopped while restarting", queryId);
          return;
        }
        resume = true;
      }
    } finally {
      if (results != null) {
        results.end(error == null ? null : error.toString());
      }
      done.countDown();
    }
  }

  private void sleepUnlessStopped(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    synchronized (wakeUp) {
      long left;
      while (!stopRequested && (left = deadline - System.currentTimeMillis()) > 0) {
        try {
          wakeUp.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One run of the query, from opening everything to a stop, the end of the input or an error. */
  private void attempt(boolean resume) {
    List<AutoCloseable> resources = new ArrayList<>();
    Chain chain = null;
    UdfSession session = UdfSession.NONE;
    try {
      Path queryDir = config.stateDirectory().resolve(queryId);
      try {
        Files.createDirectories(queryDir);
      } catch (IOException e) {
        throw WeirException.external("cannot create the state directory " + queryDir + ": "
            + e.getMessage(), e);
      }
      ConnectorContext ctx = new ConnectorContext(queryId, queryDir, config.defaultKafkaBootstrap(),
          stdout, metrics);
      Map<String, String> extra = resume ? Map.of("weir.resume", "true") : Map.of();
      TableDescriptor source = withProperties(new TableDescriptor(sourceSpec.table(),
          sourceSpec.physicalSchema(), sourceSpec.options()), extra);
      QueryLog log = null;
      ChangelogStores stores = null;
      TaskStateLog taskState = null;
      if (durable) {
        TableDescriptor sink = new TableDescriptor(sinkSpec.table(), sinkSpec.schema(),
            sinkSpec.options());
        log = Connectors.forTable(source).createQueryLog(source, sink, ctx,
            new QueryLog.Settings(guarantee == ProcessingGuarantee.EXACTLY_ONCE,
                commitIntervalMillis, transactionTimeoutMillis, resume, commitPauseMillis));
        resources.add(log);
        log.open();
        ctx = ctx.withQueryLog(log);
        stores = new ChangelogStores(log, queryId);
        taskState = new TaskStateLog(log.changelog(TaskStateLog.CHANGELOG));
      }
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
      List<String> operatorIds = new ArrayList<>();
      WindowSpec firingWindow = null;
      for (int i = 1; i < specs.size(); i++) {
        String id = operatorId(i, specs.get(i));
        operators.add(UdfStages.callsFunctions(specs.get(i))
            ? UdfStages.operator(specs.get(i), session, deadLetters, storeFactory(id, stores))
            : createOperator(specs.get(i), ctx, id, stores));
        operatorIds.add(id);
        if (firingWindow == null && specs.get(i) instanceof WindowAggSpec w) {
          firingWindow = w.window();
        }
      }
      chain = new Chain(operators, operatorIds, config.batchSize());
      Chain theChain = chain;
      long[] emitted = {Long.MIN_VALUE};
      SourceDriver driver = new SourceDriver(sourceSpec, metrics, late, deadLetters,
          ignoreParseErrors(source), physicalJson, idleTimeout(source), firingWindow,
          config.batchSize(), session::scalar, (batch, wm) -> {
            theChain.push(batch);
            if (wm > emitted[0]) {
              theChain.watermark(wm);
              emitted[0] = wm;
              metrics.watermark.set(wm);
            }
          });
      if (taskState != null) {
        taskState.restore(driver, metrics);
        emitted[0] = driver.watermark();
        if (driver.watermark() != Long.MIN_VALUE) {
          metrics.watermark.set(driver.watermark());
        }
      }
      for (int i = 0; i < operators.size(); i++) {
        Context context = new Context(operatorIds.get(i), specs.get(i), queryDir, late);
        try {
          operators.get(i).open(context);
        } catch (WeirException e) {
          throw e.operatorId() == null ? e.in(queryId, operatorIds.get(i)) : e;
        }
      }
      if (stores != null) {
        restoredRecords = stores.restoredRecords();
        restoreMillis = stores.restoreMillis();
      }
      SourceReader reader = Connectors.forTable(source).createReader(source, ctx);
      resources.add(reader);
      try {
        reader.open();
      } catch (WeirException e) {
        throw e.operatorId() == null ? e.in(queryId, SourceDriver.SOURCE_OPERATOR_ID) : e;
      }
      state = QueryState.RUNNING;
      ranOnce = true;
      error = null;
      LOG.info("query {} running ({}, commit interval {} ms{})", queryId, guarantee,
          commitIntervalMillis, resume ? ", resumed" : "");
      Committer committer = new Committer(chain, reader, late, deadLetters, log, taskState, driver);
      loop(reader, driver, chain, committer);
      if (stores != null) {
        stores.checkpoint();
      }
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
    }
  }

  private void loop(SourceReader reader, SourceDriver driver, Chain chain, Committer committer) {
    long lastCommit = System.currentTimeMillis();
    boolean more = true;
    // Backpressure and results of asynchronous stages (user functions on the worker pool).
    FlowControl flow = new FlowControl(chain, metrics);
    while (more && !stopRequested) {
      driver.beforePoll(reader.splitCount());
      try {
        more = flow.poll(reader, driver, config.batchSize(), Math.min(100, commitIntervalMillis));
      } catch (WeirException e) {
        throw e.operatorId() == null ? e.in(queryId, SourceDriver.SOURCE_OPERATOR_ID) : e;
      }
      long now = System.currentTimeMillis();
      driver.afterPoll(reader.splitCount(), now);
      driver.flush();
      flow.pump(reader);
      if (now - lastCommit >= commitIntervalMillis) {
        flow.drain(reader, driver);
        committer.commit();
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
    committer.commit();
    state = more ? QueryState.STOPPED : QueryState.FINISHED;
    LOG.info("query {} {}", queryId, state.name().toLowerCase());
  }

  /** The commit sequence: operators, sinks and side outputs flush, then the position commits. */
  private final class Committer {
    private final Chain chain;
    private final SourceReader reader;
    private final SideOutput late;
    private final SideOutput deadLetters;
    private final QueryLog log;
    private final TaskStateLog taskState;
    private final SourceDriver driver;

    Committer(Chain chain, SourceReader reader, SideOutput late, SideOutput deadLetters,
        QueryLog log, TaskStateLog taskState, SourceDriver driver) {
      this.chain = chain;
      this.reader = reader;
      this.late = late;
      this.deadLetters = deadLetters;
      this.log = log;
      this.taskState = taskState;
      this.driver = driver;
    }

    void commit() {
      chain.flush();
      if (late != null) {
        late.flush();
      }
      if (deadLetters != null) {
        deadLetters.flush();
      }
      if (log == null) {
        reader.commit();
        return;
      }
      taskState.write(driver, metrics);
      log.commit(reader);
    }
  }

  /** Unique within the query: the step's position in the chain and its kind. */
  private static String operatorId(int index, OperatorSpec spec) {
    return index + "-" + spec.getClass().getSimpleName().replace("Spec", "");
  }

  /** The one place a spec becomes an operator. */
  private Operator createOperator(OperatorSpec spec, ConnectorContext ctx, String operatorId,
      ChangelogStores stores) {
    if (spec instanceof CalcSpec calc) {
      return new CalcOperator(calc);
    }
    if (spec instanceof WindowAggSpec window) {
      return new WindowAggregateOperator(window, storeFactory(operatorId, stores));
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

  /** Window state in RocksDB, changelogged when the query runs exactly-once. */
  private static WindowStoreFactory storeFactory(String operatorId, ChangelogStores stores) {
    return stores == null ? RocksDbWindowStore::open : stores.factory(operatorId);
  }

  private TableDescriptor withProperties(TableDescriptor table, Map<String, String> extra) {
    Map<String, String> merged = new HashMap<>(table.options());
    properties.forEach((k, v) -> {
      if (k.startsWith("late-data.") || k.startsWith("dead-letter.")
          || k.equals("scan.watermark.idle-timeout") || k.equals("weir.resume")) {
        merged.put(k, v);
      }
    });
    merged.putAll(extra);
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
    failure = QueryFailure.of(e);
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

    Context(String operatorId, OperatorSpec upstream, Path queryDir, SideOutput late) {
      this.operatorId = operatorId;
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
