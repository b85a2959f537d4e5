package io.weir.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.weir.server.WeirService;

/**
 * {@code POST /v1/jars?name=NAME} (the body streamed in by {@link JarUploadHandler}; 201 with
 * the stored version), {@code GET /v1/jars} and {@code DELETE /v1/jars/{name}} (409 while a
 * function or a running query uses it).
 */
final class JarsResource {
  private final WeirService service;

  JarsResource(WeirService service) {
    this.service = service;
  }

  Reply upload(UploadedJar jar) {
    return Reply.json(HttpResponseStatus.CREATED, service.commitJar(jar.upload()));
  }

  Reply list(Request request) {
    return Reply.ok(service.jars());
  }

  Reply delete(Request request) {
    return Reply.ok(service.deleteJar(request.pathParam("name")));
  }
}
