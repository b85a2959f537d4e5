package io.weir.server.api;

import java.util.List;

/** The answer of {@code GET /v1/tables}: tables and views, by name. */
public record TableList(List<TableInfo> tables) {}
