package io.weir.server;

import io.weir.engine.Query;
import io.weir.engine.metrics.FunctionMetrics;
import io.weir.engine.runtime.QueryState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the metrics of the server and of every query in the Prometheus text exposition format
 * (version 0.0.4): per query (label {@code query}) rows in and out, their rates, late and
 * malformed rows, errors, the watermark, the consumer lag and whether it runs; for the server,
 * responses by status, statements, result streams and rows streamed. Stateless.
 */
final class PrometheusText {
  private PrometheusText() {}

  static String render(Collection<Query> queries, Map<String, double[]> rates,
      ServerMetrics server, double uptimeSeconds) {
    List<Query> qs = new ArrayList<>(queries);
    qs.sort(Comparator.comparing(Query::id));
    StringBuilder sb = new StringBuilder(4096);
    perQuery(sb, qs, "weir_query_rows_in_total", "counter",
        "Rows the query read from its source.", q -> q.metrics().rowsIn.sum());
    perQuery(sb, qs, "weir_query_rows_out_total", "counter",
        "Rows the query wrote to its sink or result stream.", q -> q.metrics().rowsOut.sum());
    perQuery(sb, qs, "weir_query_rows_in_per_second", "gauge",
        "Rows read per second over the last seconds.",
        q -> rates.getOrDefault(q.id(), new double[2])[0]);
    perQuery(sb, qs, "weir_query_rows_out_per_second", "gauge",
        "Rows written per second over the last seconds.",
        q -> rates.getOrDefault(q.id(), new double[2])[1]);
    perQuery(sb, qs, "weir_query_late_rows_total", "counter",
        "Rows that arrived after their window closed.", q -> q.metrics().lateRows.sum());
    perQuery(sb, qs, "weir_query_malformed_rows_total", "counter",
        "Records that could not be decoded.", q -> q.metrics().malformedRows.sum());
    perQuery(sb, qs, "weir_query_errors_total", "counter",
        "Errors the query met.", q -> q.metrics().errors.sum());
    List<Query> withWatermark = qs.stream().filter(q -> {
      long wm = q.metrics().watermark.get();
      return wm != Long.MIN_VALUE && wm != Long.MAX_VALUE;
    }).toList();
    perQuery(sb, withWatermark, "weir_query_watermark_milliseconds", "gauge",
        "The query's current watermark, epoch milliseconds.",
        q -> q.metrics().watermark.get());
    List<Query> withLag = qs.stream().filter(q -> q.metrics().consumerLag.get() >= 0).toList();
    perQuery(sb, withLag, "weir_query_consumer_lag", "gauge",
        "Records the Kafka source has yet to read.", q -> q.metrics().consumerLag.get());
    perQuery(sb, qs, "weir_query_running", "gauge",
        "1 while the query runs, else 0.",
        q -> q.state() == QueryState.RUNNING || q.state() == QueryState.STARTING ? 1 : 0);

    perQuery(sb, qs, "weir_query_paused_partitions", "gauge",
        "Source partitions paused for backpressure (user functions busy).",
        q -> q.metrics().pausedSplits.get());
    functions(sb, qs);

    header(sb, "weir_http_responses_total", "counter", "HTTP responses sent, by status.");
    for (Map.Entry<Integer, Long> e : server.responses().entrySet()) {
      sb.append("weir_http_responses_total{code=\"").append(e.getKey()).append("\"} ")
          .append(e.getValue()).append('\n');
    }
    single(sb, "weir_statements_total", "counter", "Statement requests received.",
        server.statements.sum());
    single(sb, "weir_statement_errors_total", "counter", "Statement requests that failed.",
        server.statementErrors.sum());
    single(sb, "weir_result_streams_open", "gauge", "Clients reading a result stream now.",
        server.openResultStreams.get());
    single(sb, "weir_result_rows_sent_total", "counter", "Result rows sent to clients.",
        server.resultRowsSent.sum());
    single(sb, "weir_result_rows_skipped_total", "counter",
        "Result rows slow clients missed (the buffer had dropped them).",
        server.resultRowsSkipped.sum());
    single(sb, "weir_http_connections_open", "gauge", "Open HTTP connections.",
        server.openConnections.get());
    single(sb, "weir_uptime_seconds", "gauge", "Seconds since the server started.", uptimeSeconds);
    return sb.toString();
  }

  /** Per user function of each query: labels query and function. */
  private static void functions(StringBuilder sb, List<Query> qs) {
    record Metric(String name, String type, String help,
        java.util.function.ToDoubleFunction<FunctionMetrics> value) {}
    List<Metric> metrics = List.of(
        new Metric("weir_udf_calls_total", "counter", "Calls into the function (one per batch).",
            f -> f.calls.sum()),
        new Metric("weir_udf_rows_total", "counter", "Rows (or windows) passed to the function.",
            f -> f.rows.sum()),
        new Metric("weir_udf_batch_size_mean", "gauge", "Rows per call, on average.",
            f -> f.batchSizes.mean()),
        new Metric("weir_udf_latency_p50_seconds", "gauge", "Median call latency.",
            f -> f.latencyMicros.quantile(0.5) / 1e6),
        new Metric("weir_udf_latency_p99_seconds", "gauge", "99th percentile call latency.",
            f -> f.latencyMicros.quantile(0.99) / 1e6),
        new Metric("weir_udf_queue_depth", "gauge", "Rows waiting for a worker.",
            f -> f.queued.get()),
        new Metric("weir_udf_in_flight", "gauge", "Rows accepted and not yet emitted.",
            f -> f.inFlight.get()),
        new Metric("weir_udf_errors_total", "counter", "Calls that threw.", f -> f.errors.sum()),
        new Metric("weir_udf_timeouts_total", "counter", "Calls abandoned after the timeout.",
            f -> f.timeouts.sum()),
        new Metric("weir_udf_dead_lettered_total", "counter",
            "Rows sent to the dead-letter destination.", f -> f.deadLettered.sum()),
        new Metric("weir_udf_nulled_total", "counter",
            "Rows whose result became NULL because their call failed.", f -> f.nulled.sum()));
    for (Metric m : metrics) {
      header(sb, m.name(), m.type(), m.help());
      for (Query q : qs) {
        for (FunctionMetrics f : new java.util.TreeMap<>(q.metrics().functions).values()) {
          sb.append(m.name()).append("{query=\"").append(escape(q.id())).append("\",function=\"")
              .append(escape(f.name)).append("\",kind=\"").append(f.kind).append("\"} ")
              .append(number(m.value().applyAsDouble(f))).append('\n');
        }
      }
    }
  }

  private static void perQuery(StringBuilder sb, List<Query> qs, String name, String type,
      String help, ToDoubleFunction<Query> value) {
    header(sb, name, type, help);
    for (Query q : qs) {
      sb.append(name).append("{query=\"").append(escape(q.id())).append("\",persistent=\"")
          .append(q.persistent()).append("\"} ").append(number(value.applyAsDouble(q)))
          .append('\n');
    }
  }

  private static void single(StringBuilder sb, String name, String type, String help, double v) {
    header(sb, name, type, help);
    sb.append(name).append(' ').append(number(v)).append('\n');
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A label value: backslash, double quote and newline escaped. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
