package io.weir.server.api;

import java.util.List;
import java.util.Map;

/**
 * A table or view as {@code GET /v1/tables} and {@code GET /v1/tables/{name}} report it.
 *
 * @param kind {@code table} or {@code view}
 * @param columns every column a query sees (computed ones too)
 * @param watermark {@code column AS expression}, or null
 * @param options the {@code WITH} options (tables only; only in {@code GET /v1/tables/{name}})
 * @param ddl the statement that created it (only in {@code GET /v1/tables/{name}})
 */
public record TableInfo(
    String name,
    String kind,
    List<ColumnInfo> columns,
    String watermark,
    String connector,
    Map<String, String> options,
    String ddl) {}
