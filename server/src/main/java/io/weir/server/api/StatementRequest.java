package io.weir.server.api;

import java.util.Map;

/**
 * The body of {@code POST /v1/statements}: one or more statements separated by {@code ;}, and
 * query properties that apply to every statement ({@code SET} statements in {@code sql} add to
 * them for the statements that follow).
 */
public record StatementRequest(String sql, Map<String, String> properties) {
  public StatementRequest {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public static StatementRequest of(String sql) {
    return new StatementRequest(sql, Map.of());
  }
}
