package io.weir.cli;

import io.weir.cli.client.WeirClient;
import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.RowPrinter;
import io.weir.cli.render.StatusLine;
import io.weir.cli.render.TablePrinter;
import io.weir.server.api.ColumnInfo;
import io.weir.server.api.StatementOutcome;
import io.weir.server.api.StatementResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends SQL to the server and shows what it did: DDL messages, small tables, plans, the id of a
 * started persistent query, and the rows of a {@code SELECT} as they arrive (until the query ends,
 * {@code maxRows} rows, or {@link #cancel()}). Used by the shell and by {@code weir sql -e/-f}.
 *
 * <p>Session properties: a lone {@code SET 'key' = 'value';} (or {@code RESET}) is kept here, as
 * Flink's SQL client does, and sent with every later request; inside a multi-statement request
 * the server applies {@code SET} to the statements that follow it.
 *
 * <p>{@link #run} on one thread at a time; {@link #cancel()} from any thread.
 */
final class StatementRunner {
  private static final Pattern SET = Pattern.compile(
      "(?is)\\s*SET\\s+(?:'([^']*)'|([^\\s=;]+))\\s*=\\s*(?:'((?:[^']|'')*)'|([^;]*?))\\s*;?\\s*");
  private static final Pattern SET_ALL = Pattern.compile("(?is)\\s*SET\\s*;?\\s*");
  private static final Pattern RESET = Pattern.compile(
      "(?is)\\s*RESET(?:\\s+(?:'([^']*)'|([^\\s;]+)))?\\s*;?\\s*");

  private final WeirClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final RowPrinter.Format format;
  private final boolean statusLine;
  private final long maxRows;
  private final Map<String, String> session = new LinkedHashMap<>();
  private volatile ResultFollower current;
  private volatile boolean catalogMayHaveChanged;

  StatementRunner(WeirClient client, PrintWriter out, PrintWriter err, RowPrinter.Format format,
      boolean statusLine, long maxRows) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.format = format;
    this.statusLine = statusLine;
    this.maxRows = maxRows;
  }

  /** True when the last {@link #run} created or dropped something (completion refreshes). */
  boolean catalogMayHaveChanged() {
    return catalogMayHaveChanged;
  }

  /** Runs the SQL; prints errors (with their position in {@code sql}); false on any error. */
  boolean run(String sql) {
    catalogMayHaveChanged = false;
    if (session(sql)) {
      return true;
    }
    StatementResponse response;
    try {
      response = client.execute(sql, session);
    } catch (WeirClientException e) {
      catalogMayHaveChanged = true;
      for (StatementOutcome o : e.completed()) {
        show(o); // what the request's other statements did: it took effect
      }
      printError(e, sql);
      return false;
    }
    boolean ok = true;
    for (StatementOutcome o : response.results()) {
      ok &= show(o);
    }
    out.flush();
    return ok;
  }

  /** Stops the running {@code SELECT}, if one runs. */
  void cancel() {
    ResultFollower f = current;
    if (f != null) {
      f.cancel();
    }
  }

  /** Stops the running {@code SELECT} on the server before returning (for a shutdown hook). */
  void stopNow() {
    ResultFollower f = current;
    if (f != null) {
      f.stopNow();
    }
  }

  private boolean show(StatementOutcome o) {
    switch (o.kind()) {
      case StatementOutcome.DONE -> {
        catalogMayHaveChanged = true;
        out.println(o.message());
        return true;
      }
      case StatementOutcome.ROWS -> {
        List<String> names = o.columns().stream().map(ColumnInfo::name).toList();
        TablePrinter.print(names, o.rows() == null ? List.of() : o.rows(), out);
        return true;
      }
      case StatementOutcome.EXPLAIN -> {
        out.println(o.plan());
        return true;
      }
      case StatementOutcome.QUERY -> {
        if (Boolean.TRUE.equals(o.persistent())) {
          out.println("Query " + o.queryId() + " started: it writes to '" + o.sinkTable()
              + "' until stopped (weir stop " + o.queryId() + ").");
          return true;
        }
        return follow(o);
      }
      default -> {
        err.println("weir: unknown answer kind '" + o.kind() + "' for: " + o.statement());
        return false;
      }
    }
  }

  private boolean follow(StatementOutcome o) {
    RowPrinter printer = new RowPrinter(o.columns(), out, format);
    StatusLine status = new StatusLine(out, statusLine);
    ResultFollower follower = new ResultFollower(client, o.queryId(), printer, status, maxRows);
    current = follower;
    ResultFollower.Outcome outcome;
    try {
      outcome = follower.follow();
    } catch (WeirClientException e) {
      printError(e, null);
      return false;
    } finally {
      current = null;
    }
    if (format == RowPrinter.Format.TABLE) {
      out.printf("%d %s in %.1f s%s%s%n", outcome.rows(), outcome.rows() == 1 ? "row" : "rows",
          outcome.seconds(), outcome.skipped() > 0 ? " (" + outcome.skipped() + " skipped)" : "",
          outcome.cancelled() ? " (cancelled: query " + o.queryId() + " stopped)" : "");
    }
    out.flush();
    if (outcome.error() != null) {
      err.println("ERROR: query " + o.queryId() + " failed: " + outcome.error());
      err.flush();
      return false;
    }
    return true;
  }

  /** Handles a lone SET / RESET on the client; false when {@code sql} is anything else. */
  private boolean session(String sql) {
    if (SET_ALL.matcher(sql).matches()) {
      List<List<Object>> rows = new ArrayList<>();
      session.forEach((k, v) -> rows.add(List.of(k, v)));
      TablePrinter.print(List.of("key", "value"), rows, out);
      return true;
    }
    Matcher m = SET.matcher(sql);
    if (m.matches()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      String value = m.group(3) != null ? m.group(3).replace("''", "'") : m.group(4);
      session.put(key, value);
      out.println("Property '" + key + "' set (for this session).");
      out.flush();
      return true;
    }
    m = RESET.matcher(sql);
    if (m.matches()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      if (key == null) {
        session.clear();
      } else {
        session.remove(key);
      }
      out.println("Properties reset.");
      out.flush();
      return true;
    }
    return false;
  }

  /** Prints an error; a SQL position is shown under the offending line of {@code sql}. */
  void printError(WeirClientException e, String sql) {
    err.println("ERROR: " + e);
    if (sql != null && e.line() != null && e.line() > 0) {
      String[] lines = sql.split("\n", -1);
      if (e.line() <= lines.length) {
        String line = lines[e.line() - 1];
        err.println("  " + line);
        int col = Math.max(1, Math.min(e.column() == null ? 1 : e.column(), line.length() + 1));
        err.println("  " + " ".repeat(col - 1) + "^");
      }
    }
    err.flush();
  }
}
