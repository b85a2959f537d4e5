package io.weir.server.api;

import java.util.List;

/** The answer of {@code POST /v1/statements}: one outcome per statement, in order. */
public record StatementResponse(List<StatementOutcome> results) {}
