package io.weir.cli.demo;

import java.util.Locale;
import java.util.Random;

/**
 * Web requests with the shape the example anomaly model was trained on ({@code
 * io.weir.examples.data.WebTraffic} in examples-sql/udf, same distributions): ordinary API and
 * page requests from 300 clients, legitimate heavy requests now and then, and about 1% anomalies
 * — path scanning, exfiltration, slow requests, error bursts — mostly from a few bad clients.
 * Deterministic for a seed. Not thread-safe.
 */
public final class WebRequests {
  private static final String[] PAGES = {"/", "/login", "/static/app.js", "/static/site.css",
      "/api/search", "/api/cart"};
  private static final String[] PROBES = {"/.env", "/wp-admin/install.php", "/../../etc/passwd",
      "/phpmyadmin/index.php", "/admin/config.bak", "/.git/config", "/cgi-bin/test.cgi"};

  private final Random random;

  public WebRequests(long seed) {
    this.random = new Random(seed);
  }

  /** One request; {@code anomaly} tells whether it was drawn as one. */
  public record Request(String clientId, String method, String path, int status,
      double latencyMs, long bytes, boolean anomaly) {

    /**
     * The request as a JSON object: {@code client_id, http_method, path, status, latency_ms,
     * bytes}, and {@code ts} when {@code ts} is not null.
     */
    public String json(String ts) {
      return String.format(Locale.ROOT, "{\"client_id\":\"%s\",\"http_method\":\"%s\","
          + "\"path\":\"%s\",\"status\":%d,\"latency_ms\":%.1f,\"bytes\":%d%s}",
          clientId, method, path, status, latencyMs, bytes,
          ts == null ? "" : ",\"ts\":\"" + ts + "\"");
    }
  }

  /** The next request. */
  public Request next() {
    boolean anomaly = random.nextDouble() < 0.01;
    String client = anomaly && random.nextDouble() < 0.7
        ? String.format("c-%03d", 290 + random.nextInt(10))
        : String.format("c-%03d", random.nextInt(300));
    String method;
    String path;
    int status;
    double latency;
    long bytes;
    if (anomaly) {
      switch (random.nextInt(4)) {
        case 0 -> {
          method = "GET";
          path = PROBES[random.nextInt(PROBES.length)];
          status = random.nextDouble() < 0.8 ? 404 : 403;
          latency = 2 + 8 * random.nextDouble();
          bytes = 120 + random.nextInt(200);
        }
        case 1 -> {
          method = "GET";
          path = "/api/export/" + random.nextInt(100);
          status = 200;
          latency = 300 + 2000 * random.nextDouble();
          bytes = (long) Math.exp(17.5 + 0.8 * random.nextGaussian());
        }
        case 2 -> {
          method = random.nextDouble() < 0.5 ? "GET" : "POST";
          path = "/api/items/" + random.nextInt(5000);
          status = random.nextDouble() < 0.6 ? 200 : 408;
          latency = 5000 + 15000 * random.nextDouble();
          bytes = 50 + random.nextInt(500);
        }
        default -> {
          method = "POST";
          path = "/api/payments";
          status = random.nextDouble() < 0.7 ? 500 : 503;
          latency = 1000 + 2000 * random.nextDouble();
          bytes = 200 + random.nextInt(300);
        }
      }
    } else {
      method = random.nextDouble() < 0.8 ? "GET" : "POST";
      double r = random.nextDouble();
      path = r < 0.45 ? "/api/items/" + random.nextInt(5000)
          : r < 0.7 ? "/api/users/" + random.nextInt(900) + "/orders"
          : PAGES[random.nextInt(PAGES.length)];
      double s = random.nextDouble();
      status = s < 0.95 ? 200 : s < 0.97 ? 304 : s < 0.99 ? 404 : 500;
      latency = Math.exp(3.5 + 0.5 * random.nextGaussian()) + (method.equals("POST") ? 15 : 0);
      bytes = status == 304 ? 0 : (long) Math.exp(7.6 + 1.0 * random.nextGaussian());
      double heavy = random.nextDouble();
      if (heavy < 0.01) {
        latency = 800 + 4000 * random.nextDouble();
      } else if (heavy < 0.02) {
        bytes = (long) Math.exp(15.5 + 1.0 * random.nextGaussian());
        path = "/api/export/" + random.nextInt(100);
      }
    }
    return new Request(client, method, path, status, latency, bytes, anomaly);
  }
}
