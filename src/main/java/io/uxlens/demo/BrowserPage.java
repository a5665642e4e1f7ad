package io.uxlens.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a browser does around the demo's Faro posts, so the demo meets the CORS rules real pages meet: the page's
 * origin on every post, the headers Faro's fetch transport sends (Content-Type, x-faro-session-id and a fresh
 * Idempotency-Key per batch, kept across retries), and first a preflight whose answer must allow each of them,
 * as Chromium requires before it lets a page post. A server that would block a real page fails the demo.
 */
final class BrowserPage {
  /** The demo shop's page origin; the demo server allows it with --cors-origin. */
  static final String ORIGIN = "https://shop.example.com";
  static final List<String> FARO_HEADERS = List.of("content-type", "x-faro-session-id", "idempotency-key");
  private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private BrowserPage() {}

  static HttpRequest preflight(URI url) {
    return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", String.join(",", FARO_HEADERS)).build();
  }

  /** Throws unless the preflight answer lets the page post with {@link #FARO_HEADERS}, as a browser checks it. */
  static void checkPreflight(String path, HttpResponse<?> r) {
    String allowHeaders = r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(Locale.ROOT);
    List<String> allowed = List.of(allowHeaders.split("\\s*,\\s*"));
    List<String> missing = FARO_HEADERS.stream().filter(h -> !allowed.contains(h) && !allowed.contains("*")).toList();
    String methods = r.headers().firstValue("Access-Control-Allow-Methods").orElse("");
    if (r.statusCode() / 100 != 2 || !allowsOrigin(r) || !methods.contains("POST") || !missing.isEmpty()) {
      throw new DemoException("a browser would block every post to " + path + " from " + ORIGIN + ": preflight "
          + "answered " + r.statusCode() + ", Access-Control-Allow-Headers '" + allowHeaders + "'"
          + (missing.isEmpty() ? "" : " lacks " + missing) + ", Access-Control-Allow-Methods '" + methods + "'");
    }
  }

  /** Throws unless the page may read the answer (Access-Control-Allow-Origin names it). */
  static void checkReadable(String path, HttpResponse<?> r) {
    if (!allowsOrigin(r)) {
      throw new DemoException("a browser would hide the answer of " + path + " from " + ORIGIN
          + ": no matching Access-Control-Allow-Origin");
    }
  }

  /** The headers Faro's fetch transport adds to one batch of a session. */
  static Map<String, String> faroHeaders(String sessionId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Origin", ORIGIN);
    h.put("x-faro-session-id", sessionId);
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
    }
    h.put("Idempotency-Key", key.toString());
    return h;
  }

  private static boolean allowsOrigin(HttpResponse<?> r) {
    String allowOrigin = r.headers().firstValue("Access-Control-Allow-Origin").orElse("");
    return allowOrigin.equals(ORIGIN) || allowOrigin.equals("*");
  }
}
