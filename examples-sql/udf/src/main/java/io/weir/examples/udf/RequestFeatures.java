package io.weir.examples.udf;

/**
 * The features {@link AnomalyScore} reads from a request — the same code at training and at
 * scoring time. A NULL input is a missing value (NaN) for XGBoost. Stateless.
 */
public final class RequestFeatures {
  /** Features per request. */
  public static final int COUNT = 9;

  private RequestFeatures() {}

  /** Writes one request's features to {@code out[offset …]}. */
  public static void write(String method, String path, Integer status, Double latencyMs,
      Long bytes, float[] out, int offset) {
    out[offset] = latencyMs == null ? Float.NaN : (float) Math.log1p(Math.max(0, latencyMs));
    out[offset + 1] = bytes == null ? Float.NaN : (float) Math.log1p(Math.max(0, bytes));
    out[offset + 2] = status == null ? Float.NaN : status / 100;
    out[offset + 3] = status == null ? Float.NaN : (status == 404 || status == 403 ? 1 : 0);
    out[offset + 4] = status == null ? Float.NaN : (status >= 500 ? 1 : 0);
    out[offset + 5] = method == null ? Float.NaN : (method.equalsIgnoreCase("POST") ? 1 : 0);
    String p = path == null ? "" : path;
    int depth = 0;
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) == '/') {
        depth++;
      }
    }
    out[offset + 6] = depth;
    out[offset + 7] = p.length();
    out[offset + 8] = suspicious(p) ? 1 : 0;
  }

  private static boolean suspicious(String p) {
    String l = p.toLowerCase(java.util.Locale.ROOT);
    return l.contains("..") || l.contains("/.") || l.contains("wp-") || l.endsWith(".php")
        || l.endsWith(".bak") || l.contains("cgi-bin") || l.contains("phpmyadmin");
  }
}
