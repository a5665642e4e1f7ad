package io.uxlens.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the endpoints browsers post to (Faro's /collect, feedback widgets): preflights are answered, and
 * replies carry Access-Control-Allow-Origin, only for the configured origins ({@code --cors-origin}; "*" allows
 * any). Any request from another origin (an Origin header not configured) is refused with 403 before it is read,
 * preflighted or not. Requests without an Origin (servers, curl) are not browser requests and pass.
 */
final class Cors implements Router.Filter, Router.After {
  static final String ALLOW_METHODS = "POST, OPTIONS";
  /**
   * Every header a browser SDK sends to these paths: Faro's fetch transport sends Content-Type, x-faro-session-id
   * and Idempotency-Key (plus x-api-key and Content-Encoding when configured); feedback widgets send Authorization.
   * docs/BROWSER.md lists them; a header missing here makes the browser drop every post.
   */
  static final String ALLOW_HEADERS =
      "Content-Type, Content-Encoding, X-Api-Key, X-Faro-Session-Id, Idempotency-Key, Authorization";
  /** Chromium caches a preflight for at most 2 hours; Firefox for 24. */
  static final String MAX_AGE_SECONDS = "7200";

  private final Set<String> origins;
  private final Set<String> paths;

  Cors(List<String> origins, Set<String> paths) {
    this.origins = origins.stream().map(Cors::normalise).collect(Collectors.toUnmodifiableSet());
    this.paths = Set.copyOf(paths);
  }

  static void install(Router router, List<String> origins, Set<String> paths) {
    Cors cors = new Cors(origins, paths);
    router.filter(cors);
    router.after(cors);
  }

  @Override
  public Reply before(HttpCall call) {
    if (!paths.contains(call.path())) {
      return null;
    }
    String origin = call.header("Origin");
    boolean preflight = "OPTIONS".equals(call.method());
    if (origin == null) {
      return preflight ? Reply.empty(204).withHeader("Allow", ALLOW_METHODS) : null;
    }
    if (!allowed(origin)) {
      // Refused for posts too: sendBeacon and text/plain fetches skip the preflight, so the browser never asks.
      String why = origins.isEmpty()
          ? "cross-origin requests are not enabled; start the server with --cors-origin " + origin
          : "origin " + origin + " is not allowed; configured origins: " + String.join(", ", origins);
      return Reply.error(403, why, "Origin").withHeader("Vary", "Origin");
    }
    if (!preflight) {
      return null;
    }
    return Reply.empty(204)
        .withHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
        .withHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
        .withHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
  }

  @Override
  public Reply after(HttpCall call, Reply reply) {
    String origin = call.header("Origin");
    if (origin == null || !paths.contains(call.path()) || !allowed(origin)) {
      return reply;
    }
    return reply.withHeader("Access-Control-Allow-Origin", origin).withHeader("Vary", "Origin");
  }

  private boolean allowed(String origin) {
    return origins.contains("*") || origins.contains(normalise(origin));
  }

  private static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
