package io.weir.server.api;

import java.util.List;

/**
 * Every error answer: {@code {"error": {"code", "message", "line", "column", "queryId"},
 * "completed": [...]}}. {@code completed} (statement requests only, absent when empty) holds the
 * outcomes of the request's other statements that took effect, as {@code results} of a
 * successful answer would; a SELECT among them was stopped, since nobody will read it.
 *
 * <p>Codes and statuses: {@code user_error} 400 (bad SQL: {@code line} and {@code column} are
 * 1-based and point into the request's {@code sql}), {@code bad_request} 400 (a body that is
 * not the expected JSON), {@code unauthorized} 401, {@code not_found} 404, {@code
 * method_not_allowed} 405, {@code payload_too_large} 413, {@code unavailable} 503 (Kafka or the
 * disk failed; a retry may help), {@code internal_error} 500 (a bug in Weir).
 */
public record ApiError(Body error, List<StatementOutcome> completed) {

  /** The error itself; {@code line}, {@code column} and {@code queryId} may be null. */
  public record Body(String code, String message, Integer line, Integer column, String queryId) {}

  public ApiError {
    completed = completed == null || completed.isEmpty() ? null : List.copyOf(completed);
  }

  public static ApiError of(String code, String message) {
    return new ApiError(new Body(code, message, null, null, null), null);
  }
}
