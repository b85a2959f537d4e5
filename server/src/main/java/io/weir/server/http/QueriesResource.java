package io.weir.server.http;

import io.weir.server.WeirService;

/**
 * {@code GET /v1/queries}, {@code GET /v1/queries/{id}}, {@code DELETE /v1/queries/{id}} (stops
 * the query) and {@code GET /v1/queries/{id}/results[?offset=N]} (the NDJSON result stream of a
 * {@code SELECT}).
 */
final class QueriesResource {
  private final WeirService service;

  QueriesResource(WeirService service) {
    this.service = service;
  }

  Reply list(Request request) {
    return Reply.ok(service.queries());
  }

  Reply get(Request request) {
    return Reply.ok(service.query(request.pathParam("id")));
  }

  Reply delete(Request request) {
    return Reply.ok(service.stop(request.pathParam("id")));
  }

  Reply results(Request request) {
    String offsetText = request.queryParam("offset");
    long offset = 0;
    if (offsetText != null) {
      try {
        offset = Long.parseLong(offsetText);
      } catch (NumberFormatException e) {
        throw new BadRequestException("offset must be a whole number, got '" + offsetText + "'");
      }
      if (offset < 0) {
        throw new BadRequestException("offset must be 0 or more, got " + offset);
      }
    }
    return new Reply.Results(service.resultsOf(request.pathParam("id")), offset);
  }
}
