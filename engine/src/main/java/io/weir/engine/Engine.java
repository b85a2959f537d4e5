package io.weir.engine;

import io.weir.engine.connectors.Connector;
import io.weir.engine.connectors.Connectors;
import io.weir.engine.data.DataType;
import io.weir.engine.data.Field;
import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.graph.JobGraph;
import io.weir.engine.graph.OperatorSpec;
import io.weir.engine.graph.SinkSpec;
import io.weir.engine.graph.SourceSpec;
import io.weir.engine.plan.StreamPlanner;
import io.weir.engine.runtime.QueryTask;
import io.weir.engine.runtime.ResultBuffer;
import io.weir.engine.runtime.TaskConfig;
import io.weir.engine.sql.Catalog;
import io.weir.engine.sql.SqlSyntax;
import io.weir.engine.sql.TableDef;
import io.weir.engine.sql.ViewDef;
import io.weir.engine.sql.ddl.SqlCreateFunction;
import io.weir.engine.sql.ddl.SqlCreateTable;
import io.weir.engine.sql.ddl.SqlDescribeFunction;
import io.weir.engine.sql.ddl.SqlDropFunction;
import io.weir.engine.udf.UdfManager;
import io.weir.engine.sql.ddl.SqlCreateView;
import io.weir.engine.sql.ddl.SqlDropTable;
import io.weir.engine.sql.ddl.SqlDropView;
import io.weir.engine.sql.ddl.SqlReset;
import io.weir.engine.sql.ddl.SqlSet;
import io.weir.engine.sql.ddl.SqlShow;
import io.weir.engine.sql.ddl.SqlTableColumn;
import io.weir.engine.sql.parser.ParsedStatement;
import io.weir.engine.sql.parser.WeirSqlParser;
import org.apache.calcite.sql.SqlDescribeTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * The engine's facade — the one type the server and the CLI use: runs SQL scripts (DDL, {@code
 * INSERT INTO}, {@code SELECT}, {@code EXPLAIN}, {@code SHOW}, {@code DESCRIBE}), keeps the
 * catalog, and runs each query on its own task thread. Thread-safe.
 */
public final class Engine implements AutoCloseable {

  /**
   * How an engine runs.
   *
   * @param dataDirectory where query state lives
   * @param kafkaBootstrap the broker Kafka tables use when they name none, or null
   * @param stdout where {@code print} sinks write
   * @param resultBufferRows rows a transient query keeps for its readers
   * @param commitIntervalMillis how often queries commit their progress
   * @param idleTimeoutMillis default idle timeout of source splits (0: never idle, as Flink)
   * @param batchSize rows per batch
   * @param udf the worker pool, the default options of model and window functions, the jar size
   *     limit
   */
  public record Config(Path dataDirectory, String kafkaBootstrap, PrintStream stdout,
      int resultBufferRows, long commitIntervalMillis, long idleTimeoutMillis, int batchSize,
      UdfManager.Config udf) {
    public Config(Path dataDirectory, String kafkaBootstrap, PrintStream stdout,
        int resultBufferRows, long commitIntervalMillis, long idleTimeoutMillis, int batchSize) {
      this(dataDirectory, kafkaBootstrap, stdout, resultBufferRows, commitIntervalMillis,
          idleTimeoutMillis, batchSize, UdfManager.Config.standard());
    }

    public static Config defaults(Path dataDirectory) {
      return new Config(dataDirectory, null, System.out, 10_000, 1_000, 0, 1024);
    }

    public Config withKafkaBootstrap(String bootstrap) {
      return new Config(dataDirectory, bootstrap, stdout, resultBufferRows, commitIntervalMillis,
          idleTimeoutMillis, batchSize, udf);
    }

    public Config withStdout(PrintStream out) {
      return new Config(dataDirectory, kafkaBootstrap, out, resultBufferRows, commitIntervalMillis,
          idleTimeoutMillis, batchSize, udf);
    }

    public Config withUdf(UdfManager.Config u) {
      return new Config(dataDirectory, kafkaBootstrap, stdout, resultBufferRows,
          commitIntervalMillis, idleTimeoutMillis, batchSize, u);
    }

    public Config withCommitIntervalMillis(long millis) {
      return new Config(dataDirectory, kafkaBootstrap, stdout, resultBufferRows, millis,
          idleTimeoutMillis, batchSize, udf);
    }
  }

  /** The query property that fixes a query's id (the server uses it to resume queries). */
  public static final String QUERY_ID = "weir.query.id";

  private final Config config;
  private final UdfManager udfs;
  private final Catalog catalog;
  private final Map<String, Query> queries = new ConcurrentHashMap<>();
  private final AtomicInteger threadCount = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "weir-query-" + threadCount.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  public Engine(Config config) {
    this.config = config;
    this.udfs = new UdfManager(config.dataDirectory().resolve("jars"), config.udf());
    this.catalog = new Catalog(udfs.functions());
  }

  /** Jars and user-defined functions: upload, list and delete jars; the worker pool. */
  public UdfManager udfs() {
    return udfs;
  }

  public Config config() {
    return config;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Runs every statement of a script, in order; the first error stops the script. */
  public List<StatementResult> execute(String script) {
    return execute(script, Map.of());
  }

  /**
   * Runs every statement of a script, in order, with query properties ({@code SET} statements
   * add to them for the statements that follow). The first error stops the script: it is thrown
   * as a {@link WeirException} whose line and column point into {@code script}.
   */
  public List<StatementResult> execute(String script, Map<String, String> properties) {
    List<StatementResult> results = new ArrayList<>();
    execute(script, properties, results);
    return results;
  }

  /**
   * {@link #execute(String, Map)}, adding each statement's result to {@code completed} as soon
   * as it has taken effect: when a later statement fails, {@code completed} tells what the
   * statements before it did (a table created, a query started), as ksqlDB's error answers do.
   */
  public void execute(String script, Map<String, String> properties,
      List<StatementResult> completed) {
    Map<String, String> props = new LinkedHashMap<>(properties);
    for (ParsedStatement stmt : WeirSqlParser.parseScript(script)) {
      try {
        completed.add(executeOne(stmt.node(), stmt.text(), script, props));
      } catch (WeirException e) {
        throw e.line() > 0 ? e : e.at(stmt.line(), stmt.column());
      }
    }
  }

  /** EXPLAIN's text for one query or INSERT. */
  public String explain(String sql) {
    List<ParsedStatement> stmts = WeirSqlParser.parseScript(sql);
    if (stmts.size() != 1) {
      throw WeirException.user("EXPLAIN takes exactly one statement, got " + stmts.size());
    }
    SqlNode node = stmts.get(0).node();
    if (node instanceof SqlExplain e) {
      node = e.getExplicandum();
    }
    try {
      return new StreamPlanner(catalog).plan(node).explain();
    } catch (WeirException e) {
      throw e.line() > 0 ? e : e.at(stmts.get(0).line(), stmts.get(0).column());
    }
  }

  public Collection<Query> queries() {
    return List.copyOf(queries.values());
  }

  /** The query with this id, or null. */
  public Query query(String id) {
    return queries.get(id);
  }

  /** Stops a query (committing its position) and waits up to 30 seconds for it to end. */
  public Query stop(String id) {
    Query q = queries.get(id);
    if (q == null) {
      throw WeirException.user("no query with id '" + id + "'");
    }
    q.stop();
    try {
      q.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return q;
  }

  /** Forgets an ended query (its results too). */
  public void remove(String id) {
    Query q = queries.get(id);
    if (q != null && q.state().isTerminal()) {
      queries.remove(id);
    }
  }

  /** Stops every query, committing their positions, and waits for them. */
  @Override
  public void close() {
    for (Query q : queries.values()) {
      q.stop();
    }
    for (Query q : queries.values()) {
      try {
        q.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    executor.shutdownNow();
    udfs.close();
  }

  private StatementResult executeOne(SqlNode node, String text, String script,
      Map<String, String> props) {
    if (node instanceof SqlCreateTable create) {
      TableDef def = tableDef(create, text, script);
      catalog.createTable(def, create.isIfNotExists());
      return new StatementResult.Done(text, "Table '" + def.name() + "' created.");
    }
    if (node instanceof SqlDropTable drop) {
      String name = drop.getName().toString();
      if (!catalog.dropTable(name) && !drop.isIfExists()) {
        throw WeirException.user("table '" + name + "' does not exist");
      }
      return new StatementResult.Done(text, "Table '" + name + "' dropped.");
    }
    if (node instanceof SqlCreateView create) {
      String name = create.getName().toString();
      Schema schema = new StreamPlanner(catalog).validateQuery(create.getQuery());
      if (create.getColumnNames() != null && !create.getColumnNames().isEmpty()) {
        List<String> names = create.getColumnNames();
        if (names.size() != schema.size()) {
          throw WeirException.user("view '" + name + "' names " + names.size()
              + " columns but its query has " + schema.size());
        }
        List<Field> renamed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          renamed.add(new Field(names.get(i), schema.field(i).type()));
        }
        schema = new Schema(renamed);
      }
      String query = SqlSyntax.textOf(create.getQuery().getParserPosition(), script);
      catalog.createView(new ViewDef(name, renamed(query, schema, create), schema, text),
          create.getReplace(), create.isIfNotExists());
      return new StatementResult.Done(text, "View '" + name + "' created.");
    }
    if (node instanceof SqlDropView drop) {
      String name = drop.getName().toString();
      if (!catalog.dropView(name) && !drop.isIfExists()) {
        throw WeirException.user("view '" + name + "' does not exist");
      }
      return new StatementResult.Done(text, "View '" + name + "' dropped.");
    }
    if (node instanceof SqlCreateFunction create) {
      return FunctionStatements.create(create, text, udfs);
    }
    if (node instanceof SqlDropFunction drop) {
      return FunctionStatements.drop(drop, text, udfs);
    }
    if (node instanceof SqlDescribeFunction describe) {
      return FunctionStatements.describe(describe, text, udfs);
    }
    if (node instanceof SqlShow show && show.getTarget() == SqlShow.Target.FUNCTIONS) {
      return FunctionStatements.show(text, udfs);
    }
    if (node instanceof SqlShow show) {
      List<List<Object>> rows = new ArrayList<>();
      switch (show.getTarget()) {
        case TABLES -> catalog.tables().forEach(t -> rows.add(List.of(t.name())));
        case VIEWS -> catalog.views().forEach(v -> rows.add(List.of(v.name())));
        case QUERIES -> queries.values().forEach(q -> rows.add(List.of(q.id(), q.state().name(),
            q.sinkTable() == null ? "" : q.sinkTable())));
        default -> throw WeirException.user("SHOW " + show.getTarget() + " is not supported yet");
      }
      List<String> columns = switch (show.getTarget()) {
        case TABLES -> List.of("table name");
        case VIEWS -> List.of("view name");
        default -> List.of("query id", "state", "sink");
      };
      return new StatementResult.Rows(text, columns, rows);
    }
    if (node instanceof SqlDescribeTable describe) {
      return describe(text, describe.getTable().toString());
    }
    if (node instanceof SqlSet set) {
      if (set.getKey().isEmpty()) {
        List<List<Object>> rows = new ArrayList<>();
        props.forEach((k, v) -> rows.add(List.of(k, v)));
        return new StatementResult.Rows(text, List.of("key", "value"), rows);
      }
      props.put(set.getKey().get(), set.getValue().orElse(""));
      return new StatementResult.Done(text, "Property '" + set.getKey().get() + "' set.");
    }
    if (node instanceof SqlReset reset) {
      if (reset.getKey().isEmpty()) {
        props.clear();
      } else {
        props.remove(reset.getKey().get());
      }
      return new StatementResult.Done(text, "Properties reset.");
    }
    if (node instanceof SqlExplain explain) {
      return new StatementResult.Explained(text,
          new StreamPlanner(catalog).plan(explain.getExplicandum()).explain());
    }
    if (node instanceof SqlInsert || node.getKind().belongsTo(SqlKind.QUERY)) {
      return new StatementResult.QueryStarted(text, start(node, text, props));
    }
    throw WeirException.user("statement not supported: " + node.getKind()
        + ". Weir runs CREATE/DROP TABLE, CREATE/DROP VIEW, CREATE/DROP FUNCTION, SHOW TABLES, "
        + "SHOW VIEWS, SHOW FUNCTIONS, SHOW QUERIES, DESCRIBE [FUNCTION], SET, RESET, EXPLAIN, "
        + "INSERT INTO … SELECT and SELECT");
  }

  /**
   * Refuses, before anything starts, a query that reads a table its connector only writes
   * ({@code print}, {@code blackhole}) or writes a table its connector only generates ({@code
   * datagen}, {@code nexmark}).
   */
  private static void checkReadsAndWrites(JobGraph graph) {
    for (JobGraph.Vertex vertex : graph.vertices()) {
      for (OperatorSpec op : vertex.chain()) {
        if (op instanceof SourceSpec s) {
          Connector c = Connectors.forName(s.options().get("connector"));
          if (!c.canRead()) {
            throw WeirException.user("table '" + s.table() + "' cannot be read: its connector '"
                + c.name() + "' only receives rows");
          }
        } else if (op instanceof SinkSpec s && s.table() != null) {
          Connector c = Connectors.forName(s.options().get("connector"));
          if (!c.canWrite()) {
            throw WeirException.user("table '" + s.table() + "' cannot be written to: its "
                + "connector '" + c.name() + "' only produces rows");
          }
        }
      }
    }
  }

  private Query start(SqlNode node, String text, Map<String, String> props) {
    StreamPlanner.PlannedQuery planned = new StreamPlanner(catalog).plan(node);
    String id = props.getOrDefault(QUERY_ID, newQueryId());
    if (queries.containsKey(id) && !queries.get(id).state().isTerminal()) {
      throw WeirException.user("a query with id '" + id + "' is already running");
    }
    ResultBuffer results = planned.sinkTable() == null
        ? new ResultBuffer(config.resultBufferRows()) : null;
    TaskConfig taskConfig = new TaskConfig(config.dataDirectory().resolve("queries"),
        config.batchSize(), config.commitIntervalMillis(), config.idleTimeoutMillis(),
        config.kafkaBootstrap());
    Map<String, String> queryProps = new HashMap<>(props);
    queryProps.remove(QUERY_ID);
    FunctionStatements.checkQuery(planned.graph(), queryProps, udfs);
    checkReadsAndWrites(planned.graph());
    QueryTask task = new QueryTask(id, planned.graph(), taskConfig, results, config.stdout(),
        queryProps, udfs);
    Query query = new Query(id, text, planned.sinkTable(), planned.outputSchema(),
        planned.explain(), queryProps, task);
    queries.put(id, query);
    executor.execute(task);
    return query;
  }

  private static String newQueryId() {
    return "q-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private TableDef tableDef(SqlCreateTable create, String text, String script) {
    String name = create.getName().toString();
    StreamPlanner planner = new StreamPlanner(catalog);
    List<Field> physical = new ArrayList<>();
    List<SqlTableColumn> computedNodes = new ArrayList<>();
    for (SqlTableColumn column : create.getColumns()) {
      switch (column.getColumnKind()) {
        case PHYSICAL -> physical.add(new Field(column.getNameString(),
            planner.deriveType(column.getType().orElseThrow(), column.isNullable())));
        case COMPUTED -> computedNodes.add(column);
        case METADATA -> throw WeirException.sql("metadata columns are not supported yet",
            column.getParserPosition().getLineNum(), column.getParserPosition().getColumnNum());
      }
    }
    Map<String, String> options = create.getOptions();
    TableDef physicalOnly = new TableDef(name, new Schema(physical), List.of(), null, options, text);
    List<TableDef.ComputedColumn> computed = new ArrayList<>();
    for (SqlTableColumn column : computedNodes) {
      String expression = SqlSyntax.textOf(column.getExpression().orElseThrow().getParserPosition(), script);
      try {
        DataType type = planner.computedColumnType(physicalOnly, expression);
        computed.add(new TableDef.ComputedColumn(column.getNameString(), expression, type));
      } catch (WeirException e) {
        throw WeirException.sql("computed column '" + column.getNameString() + "': " + e.getMessage(),
            column.getParserPosition().getLineNum(), column.getParserPosition().getColumnNum());
      }
    }
    TableDef.WatermarkDef watermark = create.getWatermark()
        .map(w -> new TableDef.WatermarkDef(w.getEventTimeColumnName(),
            SqlSyntax.textOf(w.getStrategy().getParserPosition(), script)))
        .orElse(null);
    TableDef def = new TableDef(name, new Schema(physical), computed, watermark, options, text);
    if (watermark != null) {
      try {
        StreamPlanner.watermarkSpec(def);
      } catch (WeirException e) {
        var pos = create.getWatermark().get().getParserPosition();
        throw WeirException.sql(e.getMessage(), pos.getLineNum(), pos.getColumnNum());
      }
    }
    try {
      Connectors.forTable(def.descriptor()).validate(def.descriptor());
    } catch (WeirException e) {
      var pos = create.getParserPosition();
      throw e.line() > 0 ? e : WeirException.sql(e.getMessage(), pos.getLineNum(), pos.getColumnNum());
    }
    return def;
  }

  private StatementResult describe(String text, String name) {
    TableDef table = catalog.table(name);
    List<List<Object>> rows = new ArrayList<>();
    List<String> columns = List.of("name", "type", "null", "key", "extras", "watermark");
    if (table != null) {
      String wmColumn = table.watermark() == null ? null : table.watermark().column();
      for (Field f : table.physicalSchema().fields()) {
        rows.add(describeRow(f, null, wmColumn, table));
      }
      for (TableDef.ComputedColumn c : table.computedColumns()) {
        rows.add(describeRow(new Field(c.name(), c.type()), "AS " + c.expression(), wmColumn, table));
      }
      return new StatementResult.Rows(text, columns, rows);
    }
    ViewDef view = catalog.view(name);
    if (view != null) {
      for (Field f : view.schema().fields()) {
        rows.add(describeRow(f, null, null, null));
      }
      return new StatementResult.Rows(text, columns, rows);
    }
    throw WeirException.user("table or view '" + name + "' does not exist");
  }

  private static List<Object> describeRow(Field f, String extras, String wmColumn, TableDef t) {
    String type = f.type().withNullable(true).toString();
    String wm = f.name().equals(wmColumn) ? t.watermark().expression() : null;
    List<Object> row = new ArrayList<>();
    row.add(f.name());
    row.add(wm != null ? type.replace("(3)", "(3) *ROWTIME*") : type);
    row.add(f.type().nullable());
    row.add(null);
    row.add(extras);
    row.add(wm);
    return row;
  }

  /** A view with a column list renames its query's columns by position. */
  private static String renamed(String query, Schema schema, SqlCreateView create) {
    if (create.getColumnNames() == null || create.getColumnNames().isEmpty()) {
      return query;
    }
    return "SELECT * FROM (" + query + ") AS " + SqlSyntax.quote("v") + " ("
        + String.join(", ", schema.names().stream().map(SqlSyntax::quote).toList()) + ")";
  }
}
