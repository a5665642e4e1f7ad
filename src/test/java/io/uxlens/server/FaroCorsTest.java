package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Event;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CORS and delivery rules browsers meet at /collect, over real HTTP: the preflight Faro's fetch transport
 * makes, unload posts that skip the preflight (sendBeacon's text/plain, the key in the query), refusal of
 * unconfigured origins with a control that gets in, and Idempotency-Key retries.
 */
class FaroCorsTest {
  static final String PAGE = "https://shop.example.com";
  static final String KEY = "faro-key";

  @TempDir Path dir;

  static String batch(String event) {
    return """
        {"meta":{"app":{"name":"shop-web"},"session":{"id":"faro-s1","attributes":{"session_id":"seg-s1"}}},
         "events":[{"name":"%s","timestamp":"2026-05-01T10:00:00.000Z","attributes":{"k":"v"}}]}
        """.formatted(event);
  }

  static TestServer.Response post(TestServer s, String query, String origin, String contentType, String body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/collect" + query)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return s.send(b);
  }

  @Test
  void preflightAllowsEveryHeaderFaroSendsAndIsCached() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(PAGE), KEY))) {
      TestServer.Response r = s.send(HttpRequest.newBuilder(s.uri("/collect"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "content-type,idempotency-key,x-api-key,x-faro-session-id"));
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
      List<String> allowed = List.of(r.header("Access-Control-Allow-Headers").toLowerCase().split(",\\s*"));
      assertThat(allowed).contains("content-type", "idempotency-key", "x-api-key", "x-faro-session-id",
          "content-encoding");
      assertThat(Integer.parseInt(r.header("Access-Control-Max-Age"))).isGreaterThanOrEqualTo(600);
    }
  }

  @Test
  void unloadPostsWithoutPreflightAreAcceptedFromTheConfiguredOriginOnly() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(PAGE), KEY))) {
      // navigator.sendBeacon(url, string): text/plain, no custom headers, so the API key rides in the query.
      TestServer.Response beacon = post(s, "?api_key=" + KEY, PAGE, "text/plain;charset=UTF-8", batch("Page Hidden"));
      assertThat(beacon.status()).as(beacon.text()).isEqualTo(202);
      assertThat(beacon.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
      assertThat(post(s, "?api_key=wrong", PAGE, "text/plain", batch("Other")).status()).isEqualTo(401);

      TestServer.Response foreign = post(s, "?api_key=" + KEY, "https://evil.example.net", "text/plain",
          batch("Foreign Beacon"), "x-api-key", KEY);
      assertThat(foreign.status()).isEqualTo(403);
      assertThat(foreign.json().path("field").asText()).isEqualTo("Origin");
      assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
      assertThat(s.count("events")).as("only the configured origin's beacon").isEqualTo(1);

      List<Event> linked = new StoredRecords(s.server().store().jdbi()).eventsOfSession("seg-s1");
      assertThat(linked).extracting(Event::name).containsExactly("Page Hidden");
      assertThat(linked.get(0).context()).contains("\"faro_id\":\"faro-s1\"");
      // A server-side sender has no Origin: not a browser, not subject to CORS.
      assertThat(post(s, "", null, "application/json", batch("Server Side"), "x-api-key", KEY).status())
          .isEqualTo(202);
    }
  }

  @Test
  void aRetriedBatchWithTheSameIdempotencyKeyIsStoredOnceAndAnsweredAsBefore() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(PAGE), null))) {
      TestServer.Response first = post(s, "", PAGE, "application/json", batch("Checkout Started"),
          "Idempotency-Key", "k-0001");
      assertThat(first.status()).isEqualTo(202);
      assertThat(first.json().path("accepted").path("events").asInt()).isEqualTo(1);
      assertThat(first.header("Idempotent-Replayed")).isNull();

      TestServer.Response retry = post(s, "", PAGE, "application/json", batch("Checkout Started"),
          "Idempotency-Key", "k-0001");
      assertThat(retry.status()).isEqualTo(202);
      assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(retry.text()).isEqualTo(first.text());
      assertThat(s.count("events")).isEqualTo(1);

      TestServer.Response reused = post(s, "", PAGE, "application/json", batch("Something Else"),
          "Idempotency-Key", "k-0001");
      assertThat(reused.status()).isEqualTo(422);
      assertThat(reused.json().path("field").asText()).isEqualTo("Idempotency-Key");
      assertThat(reused.header("Access-Control-Allow-Origin")).as("the page can read why").isEqualTo(PAGE);
      assertThat(s.count("events")).isEqualTo(1);

      TestServer.Response next = post(s, "", PAGE, "application/json", batch("Something Else"),
          "Idempotency-Key", "k-0002");
      assertThat(next.status()).isEqualTo(202);
      assertThat(s.count("events")).isEqualTo(2);
      TestServer.Response bad = post(s, "", PAGE, "application/json", batch("X"), "Idempotency-Key", "a b");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().path("field").asText()).isEqualTo("Idempotency-Key");
    }
  }
}
