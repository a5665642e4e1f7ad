package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.model.Event;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Segment tracking API over real HTTP into a real SQLite file: what is stored, and how. */
class SegmentIngestTest {
  @RegisterExtension final TestServer server = TestServer.perTest();

  StoredRecords events() {
    return new StoredRecords(server.server().store().jdbi());
  }

  @Test
  void batchIsStoredWithMergedContextAndSessionFromEachPath() throws Exception {
    var r = server.postJson("/v1/batch", """
        {"batch":[
          {"type":"track","userId":"u1","messageId":"m-1","event":"Import Started",
           "properties":{"session_id":"s1","rows":12000},"timestamp":"2026-05-01T10:00:00Z"},
          {"type":"page","anonymousId":"a2","messageId":"m-2","name":"Pricing",
           "context":{"session_id":"s2","app":{"version":"9.9"}},"timestamp":"2026-05-01T10:00:01Z"},
          {"type":"identify","userId":"u3","messageId":"m-3","traits":{"plan":"pro"},
           "context":{"sessionId":"s3"},"timestamp":"2026-05-01T10:00:02Z"}],
         "context":{"app":{"version":"2.4.1"},"locale":"en-GB"}}""");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(r.json().get("duplicates").asInt()).isZero();
    assertThat(r.json().get("rejected")).isEmpty();

    Event track = events().event("m-1").orElseThrow();
    assertThat(track.type()).isEqualTo("track");
    assertThat(track.name()).isEqualTo("Import Started");
    assertThat(track.sessionId()).isEqualTo("s1");
    assertThat(track.timestamp()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z").toEpochMilli());
    assertThat(track.properties()).contains("\"rows\":12000");
    assertThat(track.context()).contains("\"version\":\"2.4.1\"").contains("en-GB");

    Event page = events().event("m-2").orElseThrow();
    assertThat(page.sessionId()).isEqualTo("s2");
    assertThat(page.anonymousId()).isEqualTo("a2");
    assertThat(page.context()).as("the item's own context wins over the batch's")
        .contains("\"version\":\"9.9\"").contains("en-GB");

    Event identify = events().event("m-3").orElseThrow();
    assertThat(identify.sessionId()).isEqualTo("s3");
    assertThat(identify.properties()).contains("\"plan\":\"pro\"");
    assertThat(server.count("events")).isEqualTo(3);
  }

  @Test
  void retriedBatchIsCountedOnce() throws Exception {
    String batch = """
        {"batch":[{"type":"track","userId":"u1","messageId":"retry-1","event":"A"},
                  {"type":"track","userId":"u1","messageId":"retry-2","event":"B"}]}""";
    assertThat(server.postJson("/v1/batch", batch).json().get("accepted").asInt()).isEqualTo(2);
    var again = server.postJson("/v1/batch", batch).json();
    assertThat(again.get("accepted").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(2);
    assertThat(server.count("events")).isEqualTo(2);
  }

  @Test
  void clockSkewIsCorrectedWithSentAt() throws Exception {
    // The device clock is one hour fast: it says it sent at 11:00 an event it made at 10:59:30.
    long before = System.currentTimeMillis();
    server.postJson("/v1/track", """
        {"userId":"u1","messageId":"skew-1","event":"A",
         "timestamp":"2030-01-01T10:59:30Z","sentAt":"2030-01-01T11:00:00Z"}""");
    long after = System.currentTimeMillis();
    Event e = events().event("skew-1").orElseThrow();
    // timestamp = receivedAt - (sentAt - timestamp) = receivedAt - 30 s
    assertThat(e.timestamp()).isEqualTo(e.receivedAt() - 30_000);
    assertThat(e.receivedAt()).isBetween(before, after);
  }

  @Test
  void missingTimestampUsesReceiveTime() throws Exception {
    server.postJson("/v1/track", "{\"userId\":\"u1\",\"messageId\":\"now-1\",\"event\":\"A\"}");
    Event e = events().event("now-1").orElseThrow();
    assertThat(e.timestamp()).isEqualTo(e.receivedAt());
  }

  @Test
  void invalidItemsAreRejectedOneByOneAndValidOnesKept() throws Exception {
    String big = "x".repeat(33 * 1024);
    var r = server.postJson("/v1/batch", """
        {"batch":[
          {"type":"track","userId":"u1","messageId":"ok-1","event":"Fine"},
          {"type":"track","messageId":"bad-1","event":"NoUser"},
          {"type":"track","userId":"u1","messageId":"bad-2"},
          {"type":"teleport","userId":"u1"},
          {"type":"track","userId":"u1","event":"A","messageId":"%s"},
          {"type":"track","userId":"u1","event":"A","timestamp":"yesterday"},
          {"type":"track","userId":"u1","event":"A","properties":[1,2]},
          42,
          {"type":"track","userId":"u1","event":"A","properties":{"blob":"%s"}},
          {"type":"track","userId":{"id":1},"event":"A"},
          {"type":"track","anonymousId":"a1","messageId":"ok-2","event":"AlsoFine"}]}"""
        .formatted("m".repeat(100), big));

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(rejection(body, 1)).isEqualTo("batch[1].userId: userId or anonymousId is required");
    assertThat(rejection(body, 2)).isEqualTo("batch[2].event: event is required for track and must be a non-empty string");
    assertThat(rejection(body, 3)).startsWith("batch[3].type: type is required and must be one of alias, group");
    assertThat(rejection(body, 4)).isEqualTo("batch[4].messageId: messageId must be shorter than 100 characters");
    assertThat(rejection(body, 5)).startsWith("batch[5].timestamp: timestamp must be an ISO-8601 date-time");
    assertThat(rejection(body, 6)).isEqualTo("batch[6].properties: properties must be a JSON object");
    assertThat(rejection(body, 7)).isEqualTo("batch[7]: each batch item must be a JSON object");
    assertThat(rejection(body, 8)).matches("batch\\[8\\]: event is \\d+ bytes; the limit is 32 KB per event");
    assertThat(rejection(body, 9)).isEqualTo("batch[9].userId: userId must be a string");
    assertThat(body.get("rejected")).hasSize(9);
    assertThat(events().event("ok-1")).isPresent();
    assertThat(events().event("ok-2")).isPresent();
  }

  private static String rejection(JsonNode body, int index) {
    for (JsonNode r : body.get("rejected")) {
      if (r.get("index").asInt() == index) {
        return r.get("field").asText() + ": " + r.get("error").asText();
      }
    }
    throw new AssertionError("no rejection for index " + index + " in " + body);
  }

  @Test
  void singleCallValidationAnswers400WithField() throws Exception {
    var noEvent = server.postJson("/v1/track", "{\"userId\":\"u1\"}");
    assertError(noEvent, 400, "event", "event is required for track and must be a non-empty string");
    var noUser = server.postJson("/v1/page", "{\"name\":\"Home\"}");
    assertError(noUser, 400, "userId", "userId or anonymousId is required");
    var aliasNoPrevious = server.postJson("/v1/alias", "{\"userId\":\"u1\"}");
    assertError(aliasNoPrevious, 400, "previousId", "previousId is required for alias");
    var notObject = server.postJson("/v1/identify", "[1,2,3]");
    assertError(notObject, 400, "body", "the request body must be a JSON object");
    assertThat(server.count("events")).isZero();
  }

  @Test
  void malformedBodiesAnswer400() throws Exception {
    var badJson = server.postJson("/v1/batch", "{\"batch\": [");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().get("field").asText()).isEqualTo("body");
    assertThat(badJson.json().get("error").asText()).startsWith("invalid JSON at line 1");
    assertError(server.postJson("/v1/batch", "{\"batch\": {}}"), 400, "batch",
        "batch is required and must be an array of messages");
    assertError(server.postJson("/v1/batch", ""), 400, "body",
        "request body is empty; a JSON object is required");
  }

  @Test
  void sizeLimitsAnswer413NamingTheLimit() throws Exception {
    StringBuilder many = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < 2501; i++) {
      many.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}");
    }
    assertError(server.postJson("/v1/batch", many.append("]}").toString()), 413, "batch",
        "batch holds 2501 events; the limit is 2500 events per batch");

    String huge = "{\"batch\":[],\"pad\":\"" + "x".repeat(501 * 1024) + "\"}";
    assertError(server.postJson("/v1/batch", huge), 413, "body",
        "request body exceeds the batch limit of 500 KB");

    String bigSingle = "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"p\":\"" + "x".repeat(33 * 1024) + "\"}}";
    assertError(server.postJson("/v1/track", bigSingle), 413, "body",
        "request body exceeds the single event limit of 32 KB");
    assertThat(server.count("events")).isZero();
  }

  @Test
  void gzipBodiesAreInflatedAndBrokenGzipIsRefused() throws Exception {
    byte[] json = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"gz-1\",\"event\":\"E\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(json);
    }
    var ok = server.send(HttpRequest.newBuilder(server.uri("/v1/batch"))
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(events().event("gz-1")).isPresent();

    var broken = server.send(HttpRequest.newBuilder(server.uri("/v1/batch"))
        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("field").asText()).isEqualTo("Content-Encoding");
  }

  @Test
  void unknownPathsAndMethodsAnswerJson() throws Exception {
    assertError(server.get("/v1/nothing"), 404, null, "no such endpoint: /v1/nothing");
    var wrongMethod = server.get("/v1/batch");
    assertError(wrongMethod, 405, null, "method GET not allowed; use POST");
    assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
  }

  @Test
  void statusAndHealth() throws Exception {
    assertThat(server.get("/healthz").status()).isEqualTo(200);
    assertThat(server.get("/readyz").json().get("status").asText()).isEqualTo("ready");
    JsonNode status = server.get("/api/v1/status").json();
    assertThat(status.get("counts").get("events").asLong()).isZero();
    assertThat(status.get("newestEventTime").isNull()).isTrue();
    assertThat(status.get("store").get("dialect").asText())
        .isEqualTo(io.uxlens.testing.TestStores.POSTGRES ? "postgresql" : "sqlite");
    assertThat(status.get("store").get("leader").asBoolean()).as("a lone instance leads").isTrue();
    server.postJson("/v1/track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2026-03-04T05:06:07Z\"}");
    assertThat(server.get("/api/v1/status").json().get("newestEventTime").asText())
        .isEqualTo("2026-03-04T05:06:07Z");
  }

  static void assertError(TestServer.Response r, int status, String field, String error) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isEqualTo(error);
    if (field == null) {
      assertThat(body.has("field")).isFalse();
    } else {
      assertThat(body.get("field").asText()).isEqualTo(field);
    }
  }

  static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }
}
