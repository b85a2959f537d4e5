package io.weir.server;

import io.weir.engine.Engine;
import io.weir.engine.Query;
import io.weir.engine.StatementResult;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.runtime.QueryFailure;
import io.weir.engine.runtime.QueryState;
import io.weir.engine.sql.TableDef;
import io.weir.engine.sql.ViewDef;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.udf.FunctionDef;
import io.weir.server.api.ColumnInfo;
import io.weir.server.api.FunctionMetricsInfo;
import io.weir.server.api.JarInfo;
import io.weir.server.api.JarList;
import io.weir.server.api.QueryFailureInfo;
import io.weir.server.api.QueryInfo;
import io.weir.server.api.QueryList;
import io.weir.server.api.QueryMetricsInfo;
import io.weir.server.api.ServerInfo;
import io.weir.server.api.StatementOutcome;
import io.weir.server.api.StatementRequest;
import io.weir.server.api.StatementResponse;
import io.weir.server.api.TableInfo;
import io.weir.server.api.TableList;
import io.weir.server.store.CommandLog;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the REST resources call: runs statements and keeps the {@link CommandLog} in step with
 * the engine's catalog and persistent queries, reports queries, tables, the server and its
 * metrics, and looks after transient queries (a {@code SELECT} nobody reads is stopped, an ended
 * one nobody reads is forgotten).
 *
 * <p><b>Durability.</b> Statements run one request at a time (a lock). After each request the
 * catalog is compared with its state before: created, replaced and dropped tables and views, and
 * started persistent queries, are written to the command log before the answer goes out — also
 * when a later statement of the same request failed, since the earlier ones took effect. A user's
 * stop is logged before the query is stopped, so it stays stopped whatever happens next.
 *
 * <p><b>Call order.</b> {@link #replay()} once at start, then any method from any thread; {@link
 * #tick()} about once a second from one thread.
 */
public final class WeirService {
  private static final Logger LOG = LoggerFactory.getLogger(WeirService.class);
  public static final String VERSION = "0.1.0";
  /** The property the server sets on a replayed query so it starts from its committed position. */
  public static final String RESUME = "weir.resume";

  private final Engine engine;
  private final CommandLog log;
  private final ServerOptions options;
  private final ServerMetrics metrics;
  private final ExecutorService background;
  private volatile String url;
  private final String kafkaBootstrap;
  private final boolean embeddedKafka;
  private final long startedAtMillis = System.currentTimeMillis();
  private final ReentrantLock statementLock = new ReentrantLock();
  /** Logged persistent queries that could not be started at replay: id → why. */
  private final Map<String, String> replayErrors = new ConcurrentHashMap<>();
  private final Map<String, Readers> readers = new ConcurrentHashMap<>();
  private final Map<String, Rates> rates = new ConcurrentHashMap<>();

  /** The readers of a transient query's results. */
  private static final class Readers {
    final AtomicInteger count = new AtomicInteger();
    volatile long idleSinceMillis = System.currentTimeMillis();
    volatile long endedAtMillis;
  }

  /** Row rates of a query over the last {@link #RATE_WINDOW_MILLIS}, from per-tick samples. */
  private static final class Rates {
    final ArrayDeque<long[]> samples = new ArrayDeque<>();
    volatile double inPerSecond;
    volatile double outPerSecond;
  }

  /** Rates are averaged over this long, so windowed output (bursty) does not read as zero. */
  static final long RATE_WINDOW_MILLIS = 10_000;

  public WeirService(Engine engine, CommandLog log, ServerOptions options, ServerMetrics metrics,
      ExecutorService background, String kafkaBootstrap, boolean embeddedKafka) {
    this.engine = engine;
    this.log = log;
    this.options = options;
    this.metrics = metrics;
    this.background = background;
    this.kafkaBootstrap = kafkaBootstrap;
    this.embeddedKafka = embeddedKafka;
  }

  /** The server's base URL, once its port is bound ({@code GET /v1/info} reports it). */
  public void setUrl(String url) {
    this.url = url;
  }

  public Engine engine() {
    return engine;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  // ---------------------------------------------------------------------------------- replay

  /**
   * Re-creates the logged tables and views (in passes, so an entry whose dependency comes later
   * still succeeds), then restarts every logged persistent query that was not stopped or
   * finished, with its old id and {@code weir.resume = true}. Failures are logged and reported
   * by {@code GET /v1/queries}; they do not stop the server.
   */
  public void replay() {
    List<CommandLog.DdlEntry> pending = new ArrayList<>(log.ddl());
    Map<String, String> ddlErrors = new LinkedHashMap<>();
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      ddlErrors.clear();
      for (var it = pending.iterator(); it.hasNext(); ) {
        CommandLog.DdlEntry entry = it.next();
        try {
          engine.execute(entry.statement(), Map.of());
          it.remove();
          progress = true;
        } catch (WeirException e) {
          ddlErrors.put(entry.name(), e.toString());
        }
      }
    }
    ddlErrors.forEach((name, error) ->
        LOG.warn("cannot re-create '{}' from the command log: {}", name, error));
    int resumed = 0;
    for (CommandLog.QueryEntry q : log.queries()) {
      if (!CommandLog.RUNNING.equals(q.status())) {
        continue;
      }
      Map<String, String> props = new HashMap<>(q.properties());
      props.put(Engine.QUERY_ID, q.queryId());
      props.put(RESUME, "true");
      try {
        engine.execute(q.statement(), props);
        resumed++;
      } catch (WeirException e) {
        replayErrors.put(q.queryId(), e.toString());
        LOG.warn("cannot resume query {} from the command log: {}", q.queryId(), e.toString());
      }
    }
    if (!log.ddl().isEmpty() || !log.queries().isEmpty()) {
      LOG.info("command log {}: {} tables and views re-created, {} persistent queries resumed",
          log.file(), log.ddl().size() - ddlErrors.size(), resumed);
    }
  }

  // ------------------------------------------------------------------------------ statements

  /** Runs a request's statements; see the class comment for what is logged. */
  public StatementResponse execute(StatementRequest request) {
    if (request.sql() == null || request.sql().isBlank()) {
      throw WeirException.user("the request has no SQL: send {\"sql\": \"...\"}");
    }
    metrics.statements.increment();
    List<StatementResult> results = new ArrayList<>();
    statementLock.lock();
    try {
      Map<String, CommandLog.DdlEntry> before = catalogSnapshot();
      Set<String> queriesBefore = new HashSet<>();
      engine.queries().forEach(q -> queriesBefore.add(q.id()));
      try {
        engine.execute(request.sql(), request.properties(), results);
      } catch (WeirException e) {
        metrics.statementErrors.increment();
        throw failed(e, results, results.size());
      } finally {
        persist(before, queriesBefore, results);
      }
    } finally {
      statementLock.unlock();
    }
    awaitOpened(results);
    List<StatementOutcome> outcomes = new ArrayList<>();
    for (StatementResult r : results) {
      outcomes.add(outcome(r));
    }
    return new StatementResponse(outcomes);
  }

  /**
   * The error of a request whose statement {@code failedAt} failed, carrying what its other
   * statements did ({@code results}: those that ran — before it, or all of them when a query
   * failed to open after every statement had run).
   */
  private RuntimeException failed(WeirException e, List<StatementResult> results, int failedAt) {
    // A SELECT of the request has no reader once the request fails: stop it. (INSERTs stay:
    // they took effect and are in the command log, as the tables created before them.)
    for (StatementResult r : results) {
      if (r instanceof StatementResult.QueryStarted started && !started.query().persistent()) {
        String id = started.query().id();
        background.execute(() -> engine.stop(id));
      }
    }
    List<StatementOutcome> completed = new ArrayList<>();
    for (int k = 0; k < results.size(); k++) {
      if (k == failedAt) {
        continue;
      }
      StatementResult r = results.get(k);
      completed.add(r instanceof StatementResult.QueryStarted started
          && !started.query().persistent()
          ? new StatementOutcome(StatementOutcome.DONE, started.statement(), "Query "
              + started.query().id() + " stopped: a later statement of the request failed.",
              null, null, null, null, null, null, null)
          : outcome(r));
    }
    return completed.isEmpty() ? e : new StatementFailedException(e, completed);
  }

  /**
   * Waits (up to {@code startWaitMillis}) until the queries a request started have opened their
   * sources; the first that failed meanwhile is the request's error — an unreachable broker is
   * then a 503 rather than a query that fails a moment after a 200 — and a persistent one is
   * taken out of the command log, so a restart does not run what the client was told failed.
   */
  private void awaitOpened(List<StatementResult> results) {
    long deadline = System.nanoTime() + options.startWaitMillis() * 1_000_000L;
    for (int i = 0; i < results.size(); i++) {
      if (!(results.get(i) instanceof StatementResult.QueryStarted started)) {
        continue;
      }
      Query q = started.query();
      try {
        while (q.state() == QueryState.STARTING && System.nanoTime() < deadline) {
          q.await(20, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (q.state() == QueryState.FAILED) {
        if (q.persistent()) {
          log.remove(q.id());
        }
        metrics.statementErrors.increment();
        WeirException error = q.error();
        throw failed(error != null ? error
            : WeirException.internal("query " + q.id() + " failed without an error", null),
            results, i);
      }
    }
  }

  private StatementOutcome outcome(StatementResult r) {
    if (r instanceof StatementResult.Done done) {
      return new StatementOutcome(StatementOutcome.DONE, done.statement(), done.message(),
          null, null, null, null, null, null, null);
    }
    if (r instanceof StatementResult.Rows rows) {
      List<ColumnInfo> columns = rows.columns().stream().map(c -> new ColumnInfo(c, null)).toList();
      return new StatementOutcome(StatementOutcome.ROWS, rows.statement(), null, columns,
          rows.rows(), null, null, null, null, null);
    }
    if (r instanceof StatementResult.Explained explained) {
      return new StatementOutcome(StatementOutcome.EXPLAIN, explained.statement(), null, null,
          null, explained.plan(), null, null, null, null);
    }
    StatementResult.QueryStarted started = (StatementResult.QueryStarted) r;
    Query q = started.query();
    if (q.persistent()) {
      return new StatementOutcome(StatementOutcome.QUERY, started.statement(),
          "Query '" + q.id() + "' started: it writes to '" + q.sinkTable() + "'.", null, null,
          null, q.id(), true, q.sinkTable(), null);
    }
    readers.putIfAbsent(q.id(), new Readers());
    return new StatementOutcome(StatementOutcome.QUERY, started.statement(), null,
        columns(q.schema()), null, null, q.id(), false, null, resultsUrl(q.id()));
  }

  /** Tables and views by name, as DDL entries. */
  private Map<String, CommandLog.DdlEntry> catalogSnapshot() {
    Map<String, CommandLog.DdlEntry> snapshot = new HashMap<>();
    for (TableDef t : engine.catalog().tables()) {
      snapshot.put(t.name(), new CommandLog.DdlEntry(t.name(), "table", t.ddl()));
    }
    for (ViewDef v : engine.catalog().views()) {
      snapshot.put(v.name(), new CommandLog.DdlEntry(v.name(), "view", v.ddl()));
    }
    // Functions live in their own namespace; the key keeps them apart from tables and views.
    for (FunctionDef f : engine.udfs().functions().list()) {
      String key = "function:" + f.name().toLowerCase(java.util.Locale.ROOT);
      snapshot.put(key, new CommandLog.DdlEntry(key, "function", f.ddl()));
    }
    return snapshot;
  }

  /** Writes what a request changed to the command log (see the class comment). */
  private void persist(Map<String, CommandLog.DdlEntry> before, Set<String> queriesBefore,
      List<StatementResult> results) {
    Map<String, CommandLog.DdlEntry> after = catalogSnapshot();
    List<CommandLog.DdlEntry> ddl = new ArrayList<>(log.ddl());
    // Dropped (or replaced) since the request began: out of the log.
    for (CommandLog.DdlEntry old : before.values()) {
      CommandLog.DdlEntry now = after.get(old.name());
      if (now == null || !now.equals(old)) {
        ddl.removeIf(e -> e.name().equals(old.name()));
      }
    }
    // Created or replaced: appended in the order their statements ran.
    List<CommandLog.DdlEntry> added = new ArrayList<>();
    for (CommandLog.DdlEntry now : after.values()) {
      if (!now.equals(before.get(now.name()))) {
        added.add(now);
      }
    }
    List<String> order = new ArrayList<>();
    if (results != null) {
      results.forEach(r -> order.add(r.statement()));
    }
    added.sort(Comparator
        .comparingInt((CommandLog.DdlEntry e) -> {
          int i = order.indexOf(e.statement());
          return i < 0 ? Integer.MAX_VALUE : i;
        })
        .thenComparing(e -> e.kind().equals("function") ? 0 : e.kind().equals("table") ? 1 : 2)
        .thenComparing(CommandLog.DdlEntry::name));
    for (CommandLog.DdlEntry e : added) {
      ddl.removeIf(x -> x.name().equals(e.name()));
      ddl.add(e);
    }
    List<CommandLog.QueryEntry> started = new ArrayList<>();
    for (Query q : engine.queries()) {
      if (q.persistent() && !queriesBefore.contains(q.id())) {
        Map<String, String> props = new HashMap<>(q.properties());
        props.remove(RESUME);
        started.add(new CommandLog.QueryEntry(q.id(), q.sql(), props, CommandLog.RUNNING,
            q.createdAtMillis()));
        replayErrors.remove(q.id());
      }
    }
    started.sort(Comparator.comparingLong(CommandLog.QueryEntry::createdAtMillis));
    log.record(ddl, started);
  }

  // --------------------------------------------------------------------------------- queries

  public QueryList queries() {
    List<QueryInfo> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Query> running = new ArrayList<>(engine.queries());
    running.sort(Comparator.comparingLong(Query::createdAtMillis).thenComparing(Query::id));
    for (Query q : running) {
      out.add(info(q, false));
      seen.add(q.id());
    }
    for (CommandLog.QueryEntry e : log.queries()) {
      if (!seen.contains(e.queryId())) {
        out.add(info(e, false));
      }
    }
    return new QueryList(out);
  }

  /** A query by id: one the engine runs, else one the command log remembers. */
  public QueryInfo query(String id) {
    Query q = engine.query(id);
    if (q != null) {
      return info(q, true);
    }
    CommandLog.QueryEntry e = log.query(id);
    if (e != null) {
      return info(e, true);
    }
    throw new NotFoundException("no query with id '" + id + "'");
  }

  /**
   * Stops a query, committing its position; a persistent one is logged as stopped first, so it
   * stays stopped across restarts. Stopping an ended query changes nothing.
   */
  public QueryInfo stop(String id) {
    Query q = engine.query(id);
    CommandLog.QueryEntry entry = log.query(id);
    if (q == null && entry == null) {
      throw new NotFoundException("no query with id '" + id + "'");
    }
    if (entry != null && !CommandLog.FINISHED.equals(entry.status())) {
      log.setStatus(id, CommandLog.STOPPED);
    }
    if (q != null && !q.state().isTerminal()) {
      engine.stop(id);
    }
    return query(id);
  }

  /** The transient query whose results a client reads. */
  public Query resultsOf(String id) {
    Query q = engine.query(id);
    if (q == null) {
      throw new NotFoundException("no query with id '" + id + "' (results of a SELECT are "
          + "kept for " + options.resultRetentionMillis() / 1000 + " s after it ends)");
    }
    if (q.persistent()) {
      throw WeirException.user("query '" + id + "' is persistent: it writes to table '"
          + q.sinkTable() + "'; only a SELECT has a result stream");
    }
    return q;
  }

  /** A client started reading a transient query's results. */
  public void readerAttached(String id) {
    readers.computeIfAbsent(id, k -> new Readers()).count.incrementAndGet();
    metrics.openResultStreams.incrementAndGet();
  }

  /** A client stopped reading a transient query's results. */
  public void readerDetached(String id) {
    Readers r = readers.get(id);
    if (r != null) {
      r.idleSinceMillis = System.currentTimeMillis();
      r.count.decrementAndGet();
    }
    metrics.openResultStreams.decrementAndGet();
  }

  private static List<FunctionMetricsInfo> functionMetrics(QueryMetrics m) {
    if (m.functions.isEmpty()) {
      return null;
    }
    List<FunctionMetricsInfo> out = new ArrayList<>();
    for (FunctionMetrics f : new TreeMap<>(m.functions).values()) {
      out.add(new FunctionMetricsInfo(f.name, f.kind, f.calls.sum(), f.rows.sum(),
          f.batchSizes.mean(), f.batchSizes.max(), f.latencyMicros.quantile(0.5),
          f.latencyMicros.quantile(0.99), f.queued.get(), f.inFlight.get(), f.errors.sum(),
          f.timeouts.sum(), f.deadLettered.sum(), f.nulled.sum(), f.userMetrics()));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ jars

  /** Every stored jar with who uses it. */
  public JarList jars() {
    List<JarInfo> out = new ArrayList<>();
    for (io.weir.engine.udf.JarInfo j : engine.udfs().jars().list()) {
      out.add(jarInfo(j));
    }
    return new JarList(out);
  }

  /** Stores a streamed upload (checks it first); the name then maps to this version. */
  public JarInfo commitJar(io.weir.engine.udf.JarStore.Upload upload) {
    io.weir.engine.udf.JarInfo j = upload.commit();
    engine.udfs().collectGarbage();
    return jarInfo(j);
  }

  /** Deletes a jar name; refused while a function or running query uses it. */
  public JarInfo deleteJar(String name) {
    io.weir.engine.udf.JarStore.checkName(name);
    io.weir.engine.udf.JarInfo j = engine.udfs().jars().get(name);
    if (j == null) {
      throw new NotFoundException("no jar named '" + name + "'");
    }
    engine.udfs().deleteJar(name);
    return new JarInfo(j.name(), j.sha256(), j.sizeBytes(),
        Instant.ofEpochMilli(j.uploadedAtMillis()).toString(), List.of());
  }

  private JarInfo jarInfo(io.weir.engine.udf.JarInfo j) {
    return new JarInfo(j.name(), j.sha256(), j.sizeBytes(),
        Instant.ofEpochMilli(j.uploadedAtMillis()).toString(), engine.udfs().usersOfJar(j.name()));
  }

  private QueryInfo info(Query q, boolean detail) {
    QueryMetrics m = q.metrics();
    Rates r = rates.get(q.id());
    long wm = m.watermark.get();
    Long watermark = wm == Long.MIN_VALUE ? null : wm;
    String wmTime = watermark == null ? null
        : wm == Long.MAX_VALUE ? "+end" : Instant.ofEpochMilli(wm).toString();
    long lag = m.consumerLag.get();
    QueryMetricsInfo metricsInfo = new QueryMetricsInfo(m.rowsIn.sum(), m.rowsOut.sum(),
        r == null ? 0 : r.inPerSecond, r == null ? 0 : r.outPerSecond, m.lateRows.sum(),
        m.malformedRows.sum(), m.errors.sum(), watermark, wmTime, lag < 0 ? null : lag,
        m.pausedSplits.get(), functionMetrics(m));
    Readers rd = readers.get(q.id());
    QueryFailure f = q.failure();
    QueryFailureInfo failure = f == null ? null : new QueryFailureInfo(f.cause(), f.kind(),
        f.operator(), f.topic(), f.partition(), f.offset(), f.position(),
        Instant.ofEpochMilli(f.atMillis()).toString());
    return new QueryInfo(q.id(), q.sql(), q.state().name(), q.persistent(), q.sinkTable(),
        columns(q.schema()), detail ? q.plan() : null,
        q.error() == null ? null : q.error().toString(),
        Instant.ofEpochMilli(q.createdAtMillis()).toString(), q.properties(), metricsInfo,
        q.persistent() ? null : resultsUrl(q.id()),
        q.persistent() ? null : (rd == null ? 0 : rd.count.get()),
        q.processingGuarantee().optionValue(), q.commitIntervalMillis(), q.restarts(), failure,
        q.restoredRecords(), q.restoreMillis());
  }

  /** A logged persistent query the engine does not run (stopped, finished, or failed to resume). */
  private QueryInfo info(CommandLog.QueryEntry e, boolean detail) {
    String status = e.status() == null ? CommandLog.RUNNING : e.status();
    String state = switch (status) {
      case CommandLog.STOPPED -> QueryState.STOPPED.name();
      case CommandLog.FINISHED -> QueryState.FINISHED.name();
      default -> QueryState.FAILED.name();
    };
    String error = CommandLog.RUNNING.equals(status)
        ? replayErrors.getOrDefault(e.queryId(), "not running") : null;
    return new QueryInfo(e.queryId(), e.statement(), state, true, null, null, null, error,
        Instant.ofEpochMilli(e.createdAtMillis()).toString(), e.properties(), null, null, null,
        null, null, null, null, null, null);
  }

  private static String resultsUrl(String id) {
    return "/v1/queries/" + id + "/results";
  }

  private static List<ColumnInfo> columns(Schema schema) {
    List<ColumnInfo> out = new ArrayList<>();
    for (Field f : schema.fields()) {
      out.add(new ColumnInfo(f.name(), f.type().toString()));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------- tables

  public TableList tables() {
    List<TableInfo> out = new ArrayList<>();
    for (TableDef t : engine.catalog().tables()) {
      out.add(info(t, false));
    }
    for (ViewDef v : engine.catalog().views()) {
      out.add(info(v, false));
    }
    out.sort(Comparator.comparing(TableInfo::name));
    return new TableList(out);
  }

  public TableInfo table(String name) {
    TableDef t = engine.catalog().table(name);
    if (t != null) {
      return info(t, true);
    }
    ViewDef v = engine.catalog().view(name);
    if (v != null) {
      return info(v, true);
    }
    throw new NotFoundException("no table or view named '" + name + "'");
  }

  private static TableInfo info(TableDef t, boolean detail) {
    String watermark = t.watermark() == null ? null
        : t.watermark().column() + " AS " + t.watermark().expression();
    return new TableInfo(t.name(), "table", columns(t.schema()), watermark,
        t.options().get("connector"), detail ? new TreeMap<>(t.options()) : null,
        detail ? t.ddl() : null);
  }

  private static TableInfo info(ViewDef v, boolean detail) {
    return new TableInfo(v.name(), "view", columns(v.schema()), null, null, null,
        detail ? v.ddl() : null);
  }

  // ------------------------------------------------------------------------------ server info

  public ServerInfo info() {
    Map<String, Integer> counts = new TreeMap<>();
    for (QueryInfo q : queries().queries()) {
      counts.merge(q.state(), 1, Integer::sum);
    }
    return new ServerInfo(VERSION, url, kafkaBootstrap, embeddedKafka,
        options.dataDir().toAbsolutePath().toString(), options.tls(),
        (System.currentTimeMillis() - startedAtMillis) / 1000, options.resultBufferRows(), counts);
  }

  /** Every metric in the Prometheus text format (version 0.0.4). */
  public String prometheus() {
    return PrometheusText.render(engine.queries(), rates(), metrics,
        (System.currentTimeMillis() - startedAtMillis) / 1000.0);
  }

  private Map<String, double[]> rates() {
    Map<String, double[]> out = new HashMap<>();
    rates.forEach((id, r) -> out.put(id, new double[] {r.inPerSecond, r.outPerSecond}));
    return out;
  }

  // ------------------------------------------------------------------------------- janitor

  /**
   * Samples row rates; stops a running {@code SELECT} nobody has read for the idle timeout;
   * forgets an ended one nobody reads after the retention time; logs a persistent query whose
   * bounded input ended as finished (so a restart does not run it again).
   */
  public void tick() {
    long now = System.currentTimeMillis();
    Set<String> live = new HashSet<>();
    for (Query q : engine.queries()) {
      live.add(q.id());
      sample(q, now);
      if (q.persistent()) {
        if (q.state() == QueryState.FINISHED) {
          CommandLog.QueryEntry e = log.query(q.id());
          if (e != null && CommandLog.RUNNING.equals(e.status())) {
            log.setStatus(q.id(), CommandLog.FINISHED);
          }
        }
        continue;
      }
      Readers r = readers.computeIfAbsent(q.id(), k -> new Readers());
      if (r.count.get() > 0) {
        continue;
      }
      if (!q.state().isTerminal()) {
        if (now - r.idleSinceMillis > options.resultIdleTimeoutMillis()) {
          r.idleSinceMillis = now;
          LOG.info("stopping query {}: nobody read its results for {} s", q.id(),
              options.resultIdleTimeoutMillis() / 1000);
          background.execute(() -> engine.stop(q.id()));
        }
      } else {
        if (r.endedAtMillis == 0) {
          r.endedAtMillis = now;
        }
        long idle = now - Math.max(r.endedAtMillis, r.idleSinceMillis);
        if (idle > options.resultRetentionMillis()) {
          engine.remove(q.id());
          readers.remove(q.id());
          rates.remove(q.id());
        }
      }
    }
    rates.keySet().retainAll(live);
    readers.keySet().retainAll(live);
  }

  private void sample(Query q, long now) {
    Rates r = rates.computeIfAbsent(q.id(), k -> new Rates());
    long in = q.metrics().rowsIn.sum();
    long out = q.metrics().rowsOut.sum();
    if (r.samples.isEmpty()) {
      r.samples.add(new long[] {q.metrics().startedAtMillis, 0, 0});
    }
    r.samples.add(new long[] {now, in, out});
    while (r.samples.size() > 2 && now - r.samples.peekFirst()[0] > RATE_WINDOW_MILLIS) {
      r.samples.pollFirst();
    }
    long[] first = r.samples.peekFirst();
    long dt = now - first[0];
    if (dt > 0) {
      r.inPerSecond = (in - first[1]) * 1000.0 / dt;
      r.outPerSecond = (out - first[2]) * 1000.0 / dt;
    }
  }
}
