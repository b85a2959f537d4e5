package io.weir.server.http;

import io.weir.server.WeirService;

/** {@code GET /v1/tables} and {@code GET /v1/tables/{name}}: tables and views. */
final class TablesResource {
  private final WeirService service;

  TablesResource(WeirService service) {
    this.service = service;
  }

  Reply list(Request request) {
    return Reply.ok(service.tables());
  }

  Reply get(Request request) {
    return Reply.ok(service.table(request.pathParam("name")));
  }
}
