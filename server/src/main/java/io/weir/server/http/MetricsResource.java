package io.weir.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.weir.server.WeirService;

/** {@code GET /metrics}: every metric in the Prometheus text format. */
final class MetricsResource {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final WeirService service;

  MetricsResource(WeirService service) {
    this.service = service;
  }

  Reply get(Request request) {
    return Reply.text(HttpResponseStatus.OK, CONTENT_TYPE, service.prometheus());
  }
}
