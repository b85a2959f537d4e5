package io.weir.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The route table: a path pattern ({@code /v1/queries/{id}}) with one handler per method. A path
 * no route matches is a 404; a matched path with a method it lacks is a 405. Built once, then
 * read-only and safe from any thread.
 */
final class Routes {

  /** Answers one request; may block (it runs on a worker thread). */
  @FunctionalInterface
  interface Handler {
    Reply handle(Request request) throws Exception;
  }

  /** A pattern's segments, its handlers, and whether it is open (no token needed). */
  record Route(String pattern, String[] segments, Map<HttpMethod, Handler> handlers, boolean open) {
    String allow() {
      return handlers.keySet().stream().map(HttpMethod::name).sorted()
          .collect(Collectors.joining(", "));
    }
  }

  /** A matched route and the values of its {@code {name}} segments. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Routes add(HttpMethod method, String pattern, Handler handler) {
    return add(method, pattern, handler, false);
  }

  /** An open route needs no token (only {@code /healthz}). */
  Routes addOpen(HttpMethod method, String pattern, Handler handler) {
    return add(method, pattern, handler, true);
  }

  private Routes add(HttpMethod method, String pattern, Handler handler, boolean open) {
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      if (r.pattern().equals(pattern)) {
        Map<HttpMethod, Handler> handlers = new LinkedHashMap<>(r.handlers());
        handlers.put(method, handler);
        routes.set(i, new Route(pattern, r.segments(), handlers, r.open() || open));
        return this;
      }
    }
    routes.add(new Route(pattern, split(pattern), Map.of(method, handler), open));
    return this;
  }

  /** The route matching a path (without its query string), or null. */
  Match match(String path) {
    String[] parts = split(path);
    for (Route r : routes) {
      if (r.segments().length != parts.length) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        String seg = r.segments()[i];
        if (seg.startsWith("{") && seg.endsWith("}")) {
          params.put(seg.substring(1, seg.length() - 1), parts[i]);
        } else {
          ok = seg.equals(parts[i]);
        }
      }
      if (ok) {
        return new Match(r, params);
      }
    }
    return null;
  }

  private static String[] split(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }
}
