package io.uxlens.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the endpoints browsers post to (Faro's /collect, feedback widgets): preflights are answered, and
 * replies carry Access-Control-Allow-Origin, only for the configured origins ({@code --cors-origin}; "*" allows
 * any). Other origins get no CORS headers, so the browser keeps the page from posting.
 */
final class Cors implements Router.Filter, Router.After {
  static final String ALLOW_METHODS = "POST, OPTIONS";
  static final String ALLOW_HEADERS =
      "Content-Type, Content-Encoding, X-Api-Key, X-Faro-Session-Id, Authorization";
  static final String MAX_AGE_SECONDS = "600";

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
    if (!"OPTIONS".equals(call.method()) || !paths.contains(call.path())) {
      return null;
    }
    String origin = call.header("Origin");
    if (origin == null) {
      return Reply.empty(204).withHeader("Allow", ALLOW_METHODS);
    }
    if (!allowed(origin)) {
      String why = origins.isEmpty()
          ? "cross-origin requests are not enabled; start the server with --cors-origin " + origin
          : "origin " + origin + " is not allowed; configured origins: " + String.join(", ", origins);
      return Reply.error(403, why, "Origin").withHeader("Vary", "Origin");
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
