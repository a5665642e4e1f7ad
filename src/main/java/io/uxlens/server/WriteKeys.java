package io.uxlens.server;

import io.uxlens.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Ingest authentication, as Segment does it: the write key as the Basic user name with an empty password,
 * or {@code writeKey} in the body. With no keys configured, ingest is open.
 */
public final class WriteKeys {
  private final Set<String> keys;

  public WriteKeys(Iterable<String> keys) {
    java.util.Set<String> s = new java.util.HashSet<>();
    keys.forEach(s::add);
    this.keys = Set.copyOf(s);
  }

  public boolean open() {
    return keys.isEmpty();
  }

  /** Throws 401 unless the call carries a configured key in its Basic header or in {@code bodyKey}. */
  public void check(HttpCall call, String bodyKey) {
    if (keys.isEmpty()) {
      return;
    }
    String fromHeader = basicUser(call.header("Authorization"));
    if (fromHeader != null && keys.contains(fromHeader)) {
      call.authenticatedAs(fromHeader);
      return;
    }
    if (bodyKey != null && keys.contains(bodyKey)) {
      call.authenticatedAs(bodyKey);
      return;
    }
    String why = fromHeader == null && bodyKey == null
        ? "a write key is required: HTTP Basic with the key as user name, or writeKey in the body"
        : "the write key is not valid";
    throw new Refusal(401, why, "writeKey", Map.of("WWW-Authenticate", "Basic realm=\"uxlens\""));
  }

  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
