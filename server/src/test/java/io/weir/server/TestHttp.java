package io.weir.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** Plain HTTP calls to a server under test (the CLI's client lives in another module). */
final class TestHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  final URI base;
  final String token;
  final HttpClient http;

  TestHttp(URI base, String token) {
    this(base, token, null);
  }

  TestHttp(URI base, String token, SSLContext ssl) {
    this.base = base;
    this.token = token;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5));
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  HttpResponse<String> postSql(String sql) {
    return postSql(sql, Map.of());
  }

  HttpResponse<String> postSql(String sql, Map<String, String> properties) {
    try {
      String body = JSON.writeValueAsString(Map.of("sql", sql, "properties", properties));
      return send(request("/v1/statements").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs SQL and returns the answer's JSON; fails the test on an error status. */
  JsonNode sql(String sql) {
    HttpResponse<String> r = postSql(sql);
    if (r.statusCode() != 200) {
      throw new AssertionError("POST /v1/statements answered " + r.statusCode() + ": " + r.body()
          + "\nfor: " + sql);
    }
    return json(r);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  /** Reads a whole result stream (until it ends) as parsed lines. */
  List<JsonNode> results(String path) {
    try {
      HttpResponse<InputStream> r = http.send(request(path).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new AssertionError(path + " answered " + r.statusCode() + ": "
            + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
      }
      List<JsonNode> lines = new ArrayList<>();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            lines.add(JSON.readTree(line));
          }
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
