package io.weir.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.weir.engine.Query;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a resource answers: a whole response, or a result stream to start. */
sealed interface Reply {

  /** A complete response with a body. */
  record Full(HttpResponseStatus status, String contentType, byte[] body,
      Map<String, String> headers) implements Reply {}

  /** The NDJSON result stream of a transient query, from a row offset. */
  record Results(Query query, long offset) implements Reply {}

  static Full json(HttpResponseStatus status, Object body) {
    try {
      return new Full(status, "application/json", Json.MAPPER.writeValueAsBytes(body), Map.of());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static Full ok(Object body) {
    return json(HttpResponseStatus.OK, body);
  }

  static Full text(HttpResponseStatus status, String contentType, String body) {
    return new Full(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
