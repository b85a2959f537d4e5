package io.weir.server.api;

import java.util.List;

/**
 * What one statement did. {@code kind} says which fields are set:
 *
 * <ul>
 *   <li>{@code done} — DDL or {@code SET}: {@code message};
 *   <li>{@code rows} — {@code SHOW}, {@code DESCRIBE}: {@code columns} (names only) and {@code rows};
 *   <li>{@code explain} — {@code plan};
 *   <li>{@code query} — {@code INSERT INTO} ({@code persistent = true}, {@code sinkTable}) or
 *       {@code SELECT} ({@code persistent = false}, {@code columns} with types and {@code
 *       resultsUrl}, the path of its NDJSON result stream); both carry {@code queryId}.
 * </ul>
 */
public record StatementOutcome(
    String kind,
    String statement,
    String message,
    List<ColumnInfo> columns,
    List<List<Object>> rows,
    String plan,
    String queryId,
    Boolean persistent,
    String sinkTable,
    String resultsUrl) {

  public static final String DONE = "done";
  public static final String ROWS = "rows";
  public static final String EXPLAIN = "explain";
  public static final String QUERY = "query";
}
