package io.weir.server.api;

import java.util.List;
import java.util.Map;

/**
 * A query as {@code GET /v1/queries} and {@code GET /v1/queries/{id}} report it.
 *
 * @param state STARTING, RUNNING, RESTARTING (after a transient error, with backoff), FINISHED,
 *     STOPPED or FAILED
 * @param persistent true for {@code INSERT INTO} (survives restarts), false for a {@code SELECT}
 * @param plan the physical plan (only in {@code GET /v1/queries/{id}})
 * @param error why the query failed, or null
 * @param createdAt when the query was started (ISO-8601, UTC)
 * @param resultsUrl the path of the NDJSON result stream of a {@code SELECT}, else null
 * @param readers how many clients follow the result stream right now ({@code SELECT} only)
 * @param processingGuarantee {@code exactly_once} or {@code at_least_once} (null for a query the
 *     server does not run)
 * @param commitIntervalMs how often the query commits (null for a query the server does not run)
 * @param restarts how many times the query restarted after a transient error
 * @param failure where and why it failed (FAILED) or last restarted, else null
 * @param restoredRecords changelog records the latest start replayed into state stores
 * @param restoreMs how long that took
 */
public record QueryInfo(
    String id,
    String sql,
    String state,
    boolean persistent,
    String sinkTable,
    List<ColumnInfo> columns,
    String plan,
    String error,
    String createdAt,
    Map<String, String> properties,
    QueryMetricsInfo metrics,
    String resultsUrl,
    Integer readers,
    String processingGuarantee,
    Long commitIntervalMs,
    Integer restarts,
    QueryFailureInfo failure,
    Long restoredRecords,
    Long restoreMs) {}
