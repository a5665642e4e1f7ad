package io.uxlens.server;

import io.uxlens.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The bearer token Grafana sends on read endpoints; separate from ingest write keys. Null means open. */
public final class ReadToken {
  private final byte[] token;
  private final String name;

  public ReadToken(String token) {
    this(token, "read token");
  }

  /** A bearer token named {@code name} in refusals ("metrics token"). */
  public ReadToken(String token, String name) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    this.name = name;
  }

  /** Whether a token is configured (otherwise every call passes). */
  public boolean required() {
    return token != null;
  }

  /** Whether {@code candidate} is this token (constant time), so a write key can be refused as a read token. */
  public boolean matches(String candidate) {
    return token != null && candidate != null
        && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token);
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
    throw new Refusal(401, "a bearer token is required: Authorization: Bearer <" + name + ">", "Authorization",
        Map.of("WWW-Authenticate", "Bearer realm=\"uxlens\""));
  }
}
