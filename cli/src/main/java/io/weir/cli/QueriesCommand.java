package io.weir.cli;

import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.TablePrinter;
import io.weir.engine.errors.WeirException;
import io.weir.server.api.QueryFailureInfo;
import io.weir.server.api.QueryInfo;
import io.weir.server.api.QueryMetricsInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weir queries}: every query of the server, with its state and counters. */
@Command(name = "queries", mixinStandardHelpOptions = true,
    description = "List the server's queries: id, state, kind, rows in and out, watermark, SQL.")
final class QueriesCommand implements Callable<Integer> {
  @Mixin
  ClientOptions client;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<List<Object>> rows = new ArrayList<>();
      List<QueryInfo> queries = client.connect().queries().queries();
      for (QueryInfo q : queries) {
        QueryMetricsInfo m = q.metrics();
        rows.add(List.of(q.id(), q.state(), q.persistent() ? "persistent" : "select",
            m == null ? "" : m.rowsIn(), m == null ? "" : m.rowsOut(),
            m == null ? "" : String.format("%.1f", m.rowsInPerSecond()),
            m == null || m.watermarkTime() == null ? "" : m.watermarkTime(),
            abbreviate(q.error() != null ? q.sql() + "  [" + q.error() + "]" : q.sql(), 70)));
      }
      TablePrinter.print(List.of("id", "state", "kind", "rows in", "rows out", "in/s",
          "watermark", "sql"), rows, out);
      for (QueryInfo q : queries) {
        printFailure(q, out);
      }
      return 0;
    } catch (WeirException | WeirClientException e) {
      spec.commandLine().getErr().println("weir: " + e);
      return 1;
    }
  }

  /** Where and why a failed (or restarting) query stopped: operator, topic, partition, offset, cause. */
  static void printFailure(QueryInfo q, PrintWriter out) {
    QueryFailureInfo f = q.failure();
    if (f == null || !(q.state().equals("FAILED") || q.state().equals("RESTARTING"))) {
      return;
    }
    StringBuilder where = new StringBuilder();
    if (f.operator() != null) {
      where.append(" at operator ").append(f.operator());
    }
    if (f.topic() != null) {
      where.append(", topic ").append(f.topic()).append(" partition ").append(f.partition())
          .append(" offset ").append(f.offset());
    } else if (f.position() != null) {
      where.append(", ").append(f.position());
    }
    out.println();
    out.println("query " + q.id() + " " + q.state() + where + " (" + f.kind() + ", " + f.at() + "):");
    out.println("  " + f.cause());
  }

  static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }
}
