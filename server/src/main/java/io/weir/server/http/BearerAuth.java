package io.weir.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time. The token is never logged and
 * never echoed in an answer.
 */
final class BearerAuth {
  private final byte[] token;

  BearerAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Null when the header carries the token, else the reason to answer 401 with. */
  String check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return "this route needs the header 'Authorization: Bearer <token>' (the token is in "
          + "<data-dir>/token, or WEIR_TOKEN)";
    }
    String a = authorization.trim();
    if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "the Authorization header must use the Bearer scheme";
    }
    byte[] given = a.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token) ? null : "the bearer token is not valid";
  }
}
