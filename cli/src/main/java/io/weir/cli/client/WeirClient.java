package io.weir.cli.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.server.api.ApiError;
import io.weir.server.api.JarInfo;
import io.weir.server.api.JarList;
import io.weir.server.api.QueryInfo;
import io.weir.server.api.QueryList;
import io.weir.server.api.ServerInfo;
import io.weir.server.api.StatementRequest;
import io.weir.server.api.StatementResponse;
import io.weir.server.api.TableInfo;
import io.weir.server.api.TableList;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The REST API of one server, for the CLI (and tests). Every call is synchronous and
 * thread-safe; errors are {@link WeirClientException}s.
 */
public final class WeirClient {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final String token;
  private final HttpClient http;

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:8765}
   * @param token the bearer token, or null (every route but {@code /healthz} then answers 401)
   * @param ssl the TLS context for an {@code https} server, or null for the JDK's default
   */
  public WeirClient(URI base, String token, SSLContext ssl) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  public WeirClient(URI base, String token) {
    this(base, token, null);
  }

  public URI base() {
    return base;
  }

  /** {@code POST /v1/statements}. */
  public StatementResponse execute(String sql, Map<String, String> properties) {
    byte[] body = write(new StatementRequest(sql, properties));
    return send(request("/v1/statements").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), StatementResponse.class);
  }

  /** {@code GET /v1/queries}. */
  public QueryList queries() {
    return send(request("/v1/queries").GET(), QueryList.class);
  }

  /** {@code GET /v1/queries/{id}}. */
  public QueryInfo query(String id) {
    return send(request("/v1/queries/" + encode(id)).GET(), QueryInfo.class);
  }

  /** {@code DELETE /v1/queries/{id}}: stops the query. */
  public QueryInfo stop(String id) {
    return send(request("/v1/queries/" + encode(id)).DELETE(), QueryInfo.class);
  }

  /** {@code GET /v1/tables}. */
  public TableList tables() {
    return send(request("/v1/tables").GET(), TableList.class);
  }

  /** {@code GET /v1/tables/{name}}. */
  public TableInfo table(String name) {
    return send(request("/v1/tables/" + encode(name)).GET(), TableInfo.class);
  }

  /**
   * {@code POST /v1/jars?name=NAME}: streams a jar file to the server (never read into memory).
   */
  public JarInfo uploadJar(Path jar, String name) {
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(jar);
    } catch (java.io.FileNotFoundException e) {
      throw new WeirClientException(0, "no_file", "cannot read " + jar + ": no such file", null,
          null, e);
    }
    return send(request("/v1/jars?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
        .header("Content-Type", "application/java-archive").POST(body), JarInfo.class);
  }

  /** {@code GET /v1/jars}. */
  public JarList jars() {
    return send(request("/v1/jars").GET(), JarList.class);
  }

  /** {@code DELETE /v1/jars/{name}}. */
  public JarInfo deleteJar(String name) {
    return send(request("/v1/jars/" + encode(name)).DELETE(), JarInfo.class);
  }

  /** {@code GET /v1/info}. */
  public ServerInfo info() {
    return send(request("/v1/info").GET(), ServerInfo.class);
  }

  /** {@code GET /metrics}: the Prometheus text. */
  public String metrics() {
    HttpResponse<String> r = call(request("/metrics").GET(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw error(r.statusCode(), r.body());
    }
    return r.body();
  }

  /** {@code GET /v1/queries/{id}/results?offset=N}: the NDJSON stream, opened. */
  public ResultLines results(String id, long offset) {
    HttpResponse<InputStream> r = call(request("/v1/queries/" + encode(id) + "/results?offset=" + offset)
        .GET(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      String body;
      try (InputStream in = r.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
      throw error(r.statusCode(), body);
    }
    return new ResultLines(r.body(), JSON);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) {
    HttpResponse<byte[]> r = call(request, HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    if (r.statusCode() / 100 != 2) {
      throw error(r.statusCode(), text);
    }
    try {
      return JSON.readValue(r.body(), type);
    } catch (IOException e) {
      throw new WeirClientException(r.statusCode(), "bad_response",
          "the server's answer is not the expected JSON: " + e.getMessage(), null, null, e);
    }
  }

  private <T> HttpResponse<T> call(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (ConnectException e) {
      throw new WeirClientException(0, "unreachable", "cannot reach the Weir server at " + base
          + " (is `weir server` running? --server URL names another one)", null, null, e);
    } catch (IOException e) {
      throw new WeirClientException(0, "unreachable", "the connection to " + base + " failed: "
          + e.getMessage(), null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeirClientException(0, "interrupted", "interrupted while waiting for " + base,
          null, null, e);
    }
  }

  private static WeirClientException error(int status, String body) {
    try {
      ApiError e = JSON.readValue(body, ApiError.class);
      if (e != null && e.error() != null) {
        return new WeirClientException(status, e.error().code(), e.error().message(),
            e.error().line(), e.error().column(), e.completed(), null);
      }
    } catch (IOException notJson) {
      // Not an error body of ours (a proxy, a different server): report the raw answer.
    }
    return new WeirClientException(status, "http_" + status, "HTTP " + status + ": " + body,
        null, null, null);
  }

  private static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the request as JSON", e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
