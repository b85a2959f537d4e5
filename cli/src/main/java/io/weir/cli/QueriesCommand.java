package io.weir.cli;

import io.weir.cli.client.WeirClientException;
import io.weir.cli.render.TablePrinter;
import io.weir.engine.errors.WeirException;
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
      for (QueryInfo q : client.connect().queries().queries()) {
        QueryMetricsInfo m = q.metrics();
        rows.add(List.of(q.id(), q.state(), q.persistent() ? "persistent" : "select",
            m == null ? "" : m.rowsIn(), m == null ? "" : m.rowsOut(),
            m == null ? "" : String.format("%.1f", m.rowsInPerSecond()),
            m == null || m.watermarkTime() == null ? "" : m.watermarkTime(),
            abbreviate(q.error() != null ? q.sql() + "  [" + q.error() + "]" : q.sql(), 70)));
      }
      TablePrinter.print(List.of("id", "state", "kind", "rows in", "rows out", "in/s",
          "watermark", "sql"), rows, out);
      return 0;
    } catch (WeirException | WeirClientException e) {
      spec.commandLine().getErr().println("weir: " + e);
      return 1;
    }
  }

  static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }
}
