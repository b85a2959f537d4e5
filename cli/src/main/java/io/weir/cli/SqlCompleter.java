package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.server.api.ColumnInfo;
import io.weir.server.api.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes SQL keywords, table and view names, and column names (after {@code table.}, only
 * that table's). Table names come from {@code GET /v1/tables}, fetched at start and after every
 * statement that may have changed the catalog ({@link #refresh()}). Thread-safe.
 */
final class SqlCompleter implements Completer {
  static final List<String> KEYWORDS = List.of(
      "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "AS", "AND", "OR",
      "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END",
      "DISTINCT", "INSERT", "INTO", "CREATE", "TABLE", "VIEW", "DROP", "IF", "EXISTS", "WITH",
      "WATERMARK", "FOR", "INTERVAL", "SECOND", "MINUTE", "HOUR", "DAY", "TUMBLE", "HOP",
      "DESCRIPTOR", "window_start", "window_end", "window_time", "COUNT", "SUM", "AVG", "MIN",
      "MAX", "CAST", "SHOW", "TABLES", "VIEWS", "DESCRIBE", "EXPLAIN", "SET", "RESET",
      "TIMESTAMP", "TIMESTAMP_LTZ", "STRING", "VARCHAR", "BIGINT", "INT", "DOUBLE", "BOOLEAN",
      "DECIMAL", "ARRAY", "TRUE", "FALSE", "JOIN", "ON", "UNION", "ALL", "HOP_START", "HOP_END",
      "TUMBLE_START", "TUMBLE_END", "CURRENT_WATERMARK", "quit", "help");

  private final WeirClient client;
  private volatile Map<String, List<ColumnInfo>> tables = Map.of();

  SqlCompleter(WeirClient client) {
    this.client = client;
  }

  /** Fetches the tables and their columns again; keeps the old ones when the server fails. */
  void refresh() {
    try {
      Map<String, List<ColumnInfo>> fresh = new LinkedHashMap<>();
      for (TableInfo t : client.tables().tables()) {
        fresh.put(t.name(), t.columns() == null ? List.of() : t.columns());
      }
      tables = fresh;
    } catch (WeirClientException e) {
      // Completion goes on with what it knew; the statement itself reports the server's state.
    }
  }

  Map<String, List<ColumnInfo>> tables() {
    return tables;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
    Map<String, List<ColumnInfo>> t = tables;
    int dot = word.lastIndexOf('.');
    if (dot > 0) {
      String table = word.substring(0, dot);
      for (Map.Entry<String, List<ColumnInfo>> e : t.entrySet()) {
        if (e.getKey().equalsIgnoreCase(table)) {
          for (ColumnInfo c : e.getValue()) {
            candidates.add(new Candidate(table + "." + c.name(), c.name(), "columns", c.type(),
                null, null, true));
          }
        }
      }
      return;
    }
    for (String k : KEYWORDS) {
      candidates.add(new Candidate(k, k, "keywords", null, null, null, true));
    }
    List<String> seenColumns = new ArrayList<>();
    for (Map.Entry<String, List<ColumnInfo>> e : t.entrySet()) {
      candidates.add(new Candidate(e.getKey(), e.getKey(), "tables", null, null, null, true));
      for (ColumnInfo c : e.getValue()) {
        if (!seenColumns.contains(c.name())) {
          seenColumns.add(c.name());
          candidates.add(new Candidate(c.name(), c.name(), "columns", e.getKey(), null, null, true));
        }
      }
    }
  }
}
