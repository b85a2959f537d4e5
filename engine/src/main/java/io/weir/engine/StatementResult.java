package io.weir.engine;

import java.util.List;

/** What one statement of a script did. */
public sealed interface StatementResult {
  /** The statement's text, as written. */
  String statement();

  /** A statement that changed the catalog or the session ({@code CREATE}, {@code DROP}, {@code SET}). */
  record Done(String statement, String message) implements StatementResult {}

  /** A statement that answers with a small table ({@code SHOW}, {@code DESCRIBE}). */
  record Rows(String statement, List<String> columns, List<List<Object>> rows)
      implements StatementResult {}

  /** {@code EXPLAIN}: the optimized plan and the physical DAG. */
  record Explained(String statement, String plan) implements StatementResult {}

  /** {@code INSERT INTO} (persistent) or {@code SELECT} (transient) started a query. */
  record QueryStarted(String statement, Query query) implements StatementResult {}
}
