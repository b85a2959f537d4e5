package io.weir.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.weir.server.WeirService;
import io.weir.server.api.StatementRequest;

/**
 * {@code POST /v1/statements}: runs one or more statements. The body is {@code {"sql": "...",
 * "properties": {...}}}, or the SQL itself with {@code Content-Type: application/sql} (or {@code
 * text/plain}).
 */
final class StatementsResource {
  private final WeirService service;

  StatementsResource(WeirService service) {
    this.service = service;
  }

  Reply post(Request request) {
    return Reply.ok(service.execute(parse(request)));
  }

  static StatementRequest parse(Request request) {
    String type = request.contentType() == null ? "" : request.contentType().toLowerCase();
    if (type.startsWith("application/sql") || type.startsWith("text/plain")) {
      return StatementRequest.of(request.body());
    }
    if (request.body() == null || request.body().isBlank()) {
      throw new BadRequestException("the body is empty: send {\"sql\": \"...\"}");
    }
    StatementRequest parsed;
    try {
      parsed = Json.MAPPER.readValue(request.body(), StatementRequest.class);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("the body is not the JSON {\"sql\": \"...\", \"properties\": "
          + "{...}}: " + e.getOriginalMessage());
    }
    if (parsed == null || parsed.sql() == null) {
      throw new BadRequestException("the body needs a \"sql\" string");
    }
    return parsed;
  }
}
