package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotations, the status counts of every telemetry kind, and that acknowledged records survive a restart. */
class AnnotationsAndDurabilityTest {
  @TempDir Path dir;

  @Test
  void annotationsAreValidatedStoredAndListedByRange() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response one = s.postJson("/api/v1/annotations", """
          {"time":"2026-05-01T10:00:00Z","title":"Deploy 2.4.1","text":"canary 10%","tags":["deploy","web"]}""");
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.json().path("accepted").asInt()).isEqualTo(1);

      TestServer.Response many = s.postJson("/api/v1/annotations", """
          [{"time":1777640400000,"timeEnd":1777644000000,"title":"Incident: DB failover","tags":["incident"]},
           {"time":"2026-05-03T00:00:00Z","title":"","tags":[]},
           {"time":"2026-05-09T00:00:00Z","title":"Note far later"}]""");
      assertThat(many.status()).isEqualTo(200);
      assertThat(many.json().path("accepted").asInt()).isEqualTo(2);
      assertThat(many.json().path("rejected").get(0).path("field").asText()).isEqualTo("[1].title");

      TestServer.Response listed = s.get("/api/v1/annotations?from=2026-05-01T00:00:00Z&to=1777680000000");
      assertThat(listed.status()).isEqualTo(200);
      JsonNode items = listed.json().path("annotations");
      assertThat(items).hasSize(2);
      assertThat(items.get(0).path("title").asText()).isEqualTo("Deploy 2.4.1");
      assertThat(items.get(0).path("time").asLong()).isEqualTo(1_777_629_600_000L);
      assertThat(items.get(0).path("tags").get(1).asText()).isEqualTo("web");
      assertThat(items.get(1).path("timeEnd").asLong()).isEqualTo(1_777_644_000_000L);

      TestServer.Response retry = s.postJson("/api/v1/annotations", """
          {"time":"2026-05-01T10:00:00Z","title":"Deploy 2.4.1","text":"canary 10%","tags":["deploy","web"]}""");
      assertThat(retry.json().path("duplicates").asInt()).isEqualTo(1);
      assertThat(s.count("annotations")).isEqualTo(3);
    }
  }

  @Test
  void everyAnnotationRuleIsAnswered() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      assertAnnotation(s, "{\"title\":\"x\"}", "time", "time is required");
      assertAnnotation(s, "{\"time\":\"soon\",\"title\":\"x\"}", "time", "ISO-8601");
      assertAnnotation(s, "{\"time\":1777629600000}", "title", "title is required");
      assertAnnotation(s, "{\"time\":1777629600000,\"title\":\"" + "t".repeat(201) + "\"}", "title", "at most 200");
      assertAnnotation(s, "{\"time\":1777629600000,\"timeEnd\":1777629500000,\"title\":\"x\"}", "timeEnd",
          "must not be before time");
      assertAnnotation(s, "{\"time\":1777629600000,\"title\":\"x\",\"tags\":\"deploy\"}", "tags", "array of strings");
      assertAnnotation(s, "{\"time\":1777629600000,\"title\":\"x\",\"text\":\"" + "t".repeat(5001) + "\"}", "text",
          "at most 5000");
      assertAnnotation(s, "[]", "body", "1 to 1000");
      assertAnnotation(s, "[{\"title\":\"x\"}]", "[0].time", "time is required");
      assertAnnotation(s, "42", "body", "annotation object or an array");
      TestServer.Response r = s.get("/api/v1/annotations?from=yesterday");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("from");
      r = s.get("/api/v1/annotations?from=2000&to=1000");
      assertThat(r.status()).isEqualTo(400);
      assertThat(s.count("annotations")).isZero();
    }
  }

  static void assertAnnotation(TestServer s, String body, String field, String message) throws Exception {
    TestServer.Response r = s.postJson("/api/v1/annotations", body);
    assertThat(r.status()).as(body).isEqualTo(400);
    assertThat(r.json().path("field").asText()).as(body).isEqualTo(field);
    assertThat(r.json().path("error").asText()).as(body).contains(message);
  }

  @Test
  void readingAnnotationsNeedsTheReadTokenWhenOneIsSet() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withReadToken("rt"))) {
      assertThat(s.get("/api/v1/annotations").status()).isEqualTo(401);
      TestServer.Response ok = s.send(HttpRequest.newBuilder(s.uri("/api/v1/annotations"))
          .header("Authorization", "Bearer rt").GET());
      assertThat(ok.status()).isEqualTo(200);
    }
  }

  @Test
  void everythingAcknowledgedIsCountedAndSurvivesARestart() throws Exception {
    var spanData = OtlpIngestTest.checkoutSpans();
    try (TestServer s = TestServer.start(dir)) {
      try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
          .setEndpoint(s.uri("/v1/traces").toString()).build()) {
        assertThat(exporter.export(spanData).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
      assertThat(s.postJson("/collect", FaroIngestTest.payload("scopeSpans")).status()).isEqualTo(202);
      assertThat(s.postJson("/api/v1/feedback", "{\"items\":[{\"id\":\"fb-r\",\"kind\":\"nps\",\"score\":10,"
          + "\"sessionId\":\"sess-faro-1\",\"timestamp\":\"2026-05-01T10:00:00Z\"}]}").status()).isEqualTo(200);
      assertThat(s.postJson("/api/v1/annotations", "{\"time\":1777629600000,\"title\":\"Deploy\"}").status())
          .isEqualTo(200);
      assertCounts(s);
    }
    try (TestServer again = TestServer.start(dir)) {
      assertCounts(again);
      var jdbi = again.server().store().jdbi();
      assertThat(new StoredRecords(jdbi).spansOfSession("sess-otel-1")).hasSize(2);
      assertThat(new StoredRecords(jdbi).spansOfSession("sess-faro-1")).hasSize(1);
      assertThat(new StoredRecords(jdbi).measurementsOfSession("sess-faro-1")).hasSize(7);
      assertThat(new StoredRecords(jdbi).feedbackOfSession("sess-faro-1")).hasSize(1);
      FaroIngestTest.assertStored(again, "sess-faro-1", "user-7");
      assertThat(again.get("/api/v1/annotations?from=0&to=1777629600000").json().path("annotations")).hasSize(1);
    }
  }

  private static void assertCounts(TestServer s) throws Exception {
    JsonNode counts = s.get("/api/v1/status").json().path("counts");
    assertThat(counts.path("spans").asLong()).isEqualTo(4);
    assertThat(counts.path("events").asLong()).isEqualTo(2);
    assertThat(counts.path("measurements").asLong()).isEqualTo(7);
    assertThat(counts.path("feedback").asLong()).isEqualTo(1);
    assertThat(counts.path("annotations").asLong()).isEqualTo(1);
  }
}
