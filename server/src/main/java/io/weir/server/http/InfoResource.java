package io.weir.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.weir.server.WeirService;
import java.util.Map;

/** {@code GET /v1/info} (the server, its Kafka, its queries) and {@code GET /healthz}. */
final class InfoResource {
  private final WeirService service;

  InfoResource(WeirService service) {
    this.service = service;
  }

  Reply info(Request request) {
    return Reply.ok(service.info());
  }

  /** The only route without a token: says the server answers, and nothing else. */
  Reply health(Request request) {
    return Reply.json(HttpResponseStatus.OK, Map.of("status", "ok"));
  }
}
