package io.weir.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.weir.engine.errors.WeirException;
import io.weir.engine.udf.JarStore;
import io.weir.engine.udf.UdfManager;
import io.weir.server.NotFoundException;
import io.weir.server.StatementFailedException;
import io.weir.server.api.ApiError;
import io.weir.server.api.StatementOutcome;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps an exception to its status and error body: a user {@link WeirException} → 400 (with the
 * SQL line and column), external → 503, internal → 500 — a {@link StatementFailedException} as
 * its cause, with the outcomes of the statements that ran before it; {@link NotFoundException} → 404; {@link
 * BadRequestException} → 400; an over-size jar → 413; a jar in use → 409; anything else is a bug → 500, logged with its stack trace.
 */
final class ErrorReplies {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);

  private ErrorReplies() {}

  static Reply.Full of(Throwable t) {
    if (t instanceof JarStore.TooLarge tooLarge) {
      return error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
          tooLarge.getMessage());
    }
    if (t instanceof UdfManager.InUse inUse) {
      return error(HttpResponseStatus.CONFLICT, "conflict", inUse.getMessage());
    }
    List<StatementOutcome> completed = null;
    if (t instanceof StatementFailedException failed) {
      completed = failed.completed();
      t = failed.getCause();
    }
    if (t instanceof WeirException w) {
      HttpResponseStatus status;
      String code;
      switch (w.kind()) {
        case USER -> {
          status = HttpResponseStatus.BAD_REQUEST;
          code = "user_error";
        }
        case EXTERNAL -> {
          status = HttpResponseStatus.SERVICE_UNAVAILABLE;
          code = "unavailable";
          LOG.warn("request failed: {}", w.toString());
        }
        default -> {
          status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
          code = "internal_error";
          LOG.error("request failed on a bug", w);
        }
      }
      return Reply.json(status, new ApiError(new ApiError.Body(code, w.getMessage(),
          w.line() > 0 ? w.line() : null, w.line() > 0 ? w.column() : null, w.queryId()),
          completed));
    }
    if (t instanceof NotFoundException) {
      return error(HttpResponseStatus.NOT_FOUND, "not_found", t.getMessage());
    }
    if (t instanceof BadRequestException) {
      return error(HttpResponseStatus.BAD_REQUEST, "bad_request", t.getMessage());
    }
    LOG.error("request failed on a bug", t);
    return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
        "internal error: " + t);
  }

  static Reply.Full error(HttpResponseStatus status, String code, String message) {
    return Reply.json(status, ApiError.of(code, message));
  }

  static Reply.Full unauthorized(String message) {
    Reply.Full r = error(HttpResponseStatus.UNAUTHORIZED, "unauthorized", message);
    return new Reply.Full(r.status(), r.contentType(), r.body(),
        Map.of("WWW-Authenticate", "Bearer realm=\"weir\""));
  }
}
