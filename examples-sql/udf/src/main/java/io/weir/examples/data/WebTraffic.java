package io.weir.examples.data;

import java.util.Random;

/**
 * Web requests as a site's access log sees them: mostly ordinary API and page traffic from a few
 * hundred clients, and a share of anomalies in four shapes — path scanning (404s on probe paths,
 * tiny and fast), exfiltration (huge downloads), slow requests (seconds), and error bursts
 * (5xx on payments). Deterministic for a seed; not thread-safe.
 */
public final class WebTraffic {

  /** One request; {@code anomaly} is the label the model learns. */
  public record Request(String clientId, String method, String path, int status,
      double latencyMs, long bytes, boolean anomaly) {}

  private static final String[] PAGES = {"/", "/login", "/static/app.js", "/static/site.css",
      "/api/search", "/api/cart"};
  private static final String[] PROBES = {"/.env", "/wp-admin/install.php", "/../../etc/passwd",
      "/phpmyadmin/index.php", "/admin/config.bak", "/.git/config", "/cgi-bin/test.cgi"};

  private final Random random;
  private final double anomalyRate;
  private final int clients;

  public WebTraffic(long seed, double anomalyRate, int clients) {
    this.random = new Random(seed);
    this.anomalyRate = anomalyRate;
    this.clients = clients;
  }

  public Request next() {
    String client = String.format("c-%03d", random.nextInt(clients));
    if (random.nextDouble() < anomalyRate) {
      return anomaly(client);
    }
    String method = random.nextDouble() < 0.8 ? "GET" : "POST";
    double r = random.nextDouble();
    String path = r < 0.45 ? "/api/items/" + random.nextInt(5000)
        : r < 0.7 ? "/api/users/" + random.nextInt(900) + "/orders"
        : PAGES[random.nextInt(PAGES.length)];
    double s = random.nextDouble();
    int status = s < 0.95 ? 200 : s < 0.97 ? 304 : s < 0.99 ? 404 : 500;
    double latency = Math.exp(3.5 + 0.5 * random.nextGaussian()) + (method.equals("POST") ? 15 : 0);
    long bytes = status == 304 ? 0 : (long) Math.exp(7.6 + 1.0 * random.nextGaussian());
    // Legitimate heavy traffic overlaps the anomalies: reports, big downloads, slow backends.
    double heavy = random.nextDouble();
    if (heavy < 0.01) {
      latency = 800 + 4000 * random.nextDouble();
    } else if (heavy < 0.02) {
      bytes = (long) Math.exp(15.5 + 1.0 * random.nextGaussian());
      path = "/api/export/" + random.nextInt(100);
    }
    return new Request(client, method, path, status, round(latency), bytes, false);
  }

  private Request anomaly(String client) {
    switch (random.nextInt(4)) {
      case 0 -> {
        String path = PROBES[random.nextInt(PROBES.length)];
        int status = random.nextDouble() < 0.8 ? 404 : 403;
        return new Request(client, "GET", path, status, round(2 + 8 * random.nextDouble()),
            120 + random.nextInt(200), true);
      }
      case 1 -> {
        long bytes = (long) Math.exp(17.5 + 0.8 * random.nextGaussian());
        return new Request(client, "GET", "/api/export/" + random.nextInt(100), 200,
            round(300 + 2000 * random.nextDouble()), bytes, true);
      }
      case 2 -> {
        int status = random.nextDouble() < 0.6 ? 200 : 408;
        return new Request(client, random.nextDouble() < 0.5 ? "GET" : "POST",
            "/api/items/" + random.nextInt(5000), status,
            round(5000 + 15000 * random.nextDouble()), 50 + random.nextInt(500), true);
      }
      default -> {
        int status = random.nextDouble() < 0.7 ? 500 : 503;
        return new Request(client, "POST", "/api/payments", status,
            round(1000 + 2000 * random.nextDouble()), 200 + random.nextInt(300), true);
      }
    }
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
