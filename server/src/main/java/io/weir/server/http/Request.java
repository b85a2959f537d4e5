package io.weir.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * A decoded request, detached from Netty's reference-counted buffers so that it can cross to a
 * worker thread.
 *
 * @param pathParams the values of a route's {@code {name}} segments
 * @param query the query string's parameters
 */
record Request(HttpMethod method, String path, Map<String, String> pathParams,
    Map<String, List<String>> query, String contentType, String authorization, String body) {

  String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The first value of a query parameter, or null. */
  String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  Request withPathParams(Map<String, String> params) {
    return new Request(method, path, params, query, contentType, authorization, body);
  }
}
