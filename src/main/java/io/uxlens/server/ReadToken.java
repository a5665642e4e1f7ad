package io.uxlens.server;

import io.uxlens.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The bearer token Grafana sends on read endpoints; separate from ingest write keys. Null means open. */
public final class ReadToken {
  private final byte[] token;

  public ReadToken(String token) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  public void check(HttpCall call) {
    if (token == null) {
      return;
    }
    String h = call.header("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(given, token)) {
        return;
      }
      throw new Refusal(401, "the bearer token is not valid", "Authorization",
          Map.of("WWW-Authenticate", "Bearer realm=\"uxlens\""));
    }
    throw new Refusal(401, "a bearer token is required: Authorization: Bearer <read token>", "Authorization",
        Map.of("WWW-Authenticate", "Bearer realm=\"uxlens\""));
  }
}
