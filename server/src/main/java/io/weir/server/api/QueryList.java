package io.weir.server.api;

import java.util.List;

/** The answer of {@code GET /v1/queries}. */
public record QueryList(List<QueryInfo> queries) {}
