package io.weir.server.api;

/**
 * Every error answer: {@code {"error": {"code", "message", "line", "column", "queryId"}}}.
 *
 * <p>Codes and statuses: {@code user_error} 400 (bad SQL: {@code line} and {@code column} are
 * 1-based and point into the request's {@code sql}), {@code bad_request} 400 (a body that is
 * not the expected JSON), {@code unauthorized} 401, {@code not_found} 404, {@code
 * method_not_allowed} 405, {@code payload_too_large} 413, {@code unavailable} 503 (Kafka or the
 * disk failed; a retry may help), {@code internal_error} 500 (a bug in Weir).
 */
public record ApiError(Body error) {

  /** The error itself; {@code line}, {@code column} and {@code queryId} may be null. */
  public record Body(String code, String message, Integer line, Integer column, String queryId) {}

  public static ApiError of(String code, String message) {
    return new ApiError(new Body(code, message, null, null, null));
  }
}
