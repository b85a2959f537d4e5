package io.weir.engine;

import io.weir.engine.data.Schema;
import io.weir.engine.errors.WeirException;
import io.weir.engine.metrics.QueryMetrics;
import io.weir.engine.runtime.ProcessingGuarantee;
import io.weir.engine.runtime.QueryFailure;
import io.weir.engine.runtime.QueryState;
import io.weir.engine.runtime.QueryTask;
import io.weir.engine.runtime.ResultBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running (or ended) query. Persistent queries ({@code INSERT INTO}) write to a table;
 * transient ones ({@code SELECT}) to a {@link ResultBuffer} that clients read. Thread-safe.
 */
public final class Query {
  private final String id;
  private final String sql;
  private final String sinkTable;
  private final Schema schema;
  private final String plan;
  private final Map<String, String> properties;
  private final QueryTask task;
  private final long createdAtMillis = System.currentTimeMillis();

  Query(String id, String sql, String sinkTable, Schema schema, String plan,
      Map<String, String> properties, QueryTask task) {
    this.id = id;
    this.sql = sql;
    this.sinkTable = sinkTable;
    this.schema = schema;
    this.plan = plan;
    this.properties = Map.copyOf(properties);
    this.task = task;
  }

  public String id() {
    return id;
  }

  public String sql() {
    return sql;
  }

  /** True for {@code INSERT INTO} queries, which outlive the client that started them. */
  public boolean persistent() {
    return sinkTable != null;
  }

  /** The table written to, or null for a transient query. */
  public String sinkTable() {
    return sinkTable;
  }

  /** The columns of the rows the query produces. */
  public Schema schema() {
    return schema;
  }

  /** EXPLAIN's text for this query. */
  public String plan() {
    return plan;
  }

  public Map<String, String> properties() {
    return properties;
  }

  public long createdAtMillis() {
    return createdAtMillis;
  }

  public QueryState state() {
    return task.state();
  }

  /** Why the query failed, or (while it restarts) why it restarts; else null. */
  public WeirException error() {
    return task.error();
  }

  /** Where and why the query failed or last restarted (operator, topic, partition, offset), or null. */
  public QueryFailure failure() {
    return task.failure();
  }

  /** What the query promises about its output after a crash. */
  public ProcessingGuarantee processingGuarantee() {
    return task.guarantee();
  }

  /** How often the query commits. */
  public long commitIntervalMillis() {
    return task.commitIntervalMillis();
  }

  /** How many times the query restarted after a transient failure. */
  public int restarts() {
    return task.restarts();
  }

  /** Changelog records its latest start replayed into state stores (0 when nothing was restored). */
  public long restoredRecords() {
    return task.restoredRecords();
  }

  /** How long the latest start took to replay changelogs, in milliseconds. */
  public long restoreMillis() {
    return task.restoreMillis();
  }

  public QueryMetrics metrics() {
    return task.metrics();
  }

  /** The rows of a transient query, or null for a persistent one. */
  public ResultBuffer results() {
    return task.results();
  }

  /** Waits until the query ended; false on timeout. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return task.await(timeout, unit);
  }

  void stop() {
    task.stop();
  }
}
