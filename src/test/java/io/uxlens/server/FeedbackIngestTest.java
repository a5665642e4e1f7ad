package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.feedback.Vader;
import io.uxlens.model.Feedback;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /api/v1/feedback and feedback carried by Segment survey events. */
class FeedbackIngestTest {
  static final String TS = "\"timestamp\":\"2026-05-01T10:00:00Z\"";

  @TempDir Path dir;

  @Test
  void batchKeepsValidItemsNamesRejectedOnesAndDedupesRetries() throws Exception {
    String body = """
        {"items":[
          {"id":"fb-1","kind":"nps","score":9,"text":"Import was quick","userId":"u1","sessionId":"s1",
           "journey":"inventory-import",%1$s,"tags":["import","speed"]},
          {"kind":"csat","score":4,"sessionId":"s1",%1$s},
          {"kind":"ces","score":7,%1$s},
          {"kind":"text","text":"Column mapping is confusing",%1$s},
          {"kind":"ticket","text":"Import failed twice with a timeout","userId":"u2","timestamp":1777629600000},
          {"kind":"nps","score":11,%1$s}
        ]}""".formatted(TS);
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/api/v1/feedback", body);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("accepted").asInt()).isEqualTo(5);
      assertThat(r.json().path("duplicates").asInt()).isZero();
      JsonNode rejected = r.json().path("rejected");
      assertThat(rejected).hasSize(1);
      assertThat(rejected.get(0).path("index").asInt()).isEqualTo(5);
      assertThat(rejected.get(0).path("field").asText()).isEqualTo("items[5].score");
      assertThat(rejected.get(0).path("error").asText()).contains("integer from 0 to 10");

      Feedback nps = new StoredRecords(s.server().store().jdbi()).feedback("fb-1").orElseThrow();
      assertThat(nps.kind()).isEqualTo("nps");
      assertThat(nps.score()).isEqualTo(9.0);
      assertThat(nps.journey()).isEqualTo("inventory-import");
      assertThat(nps.tags()).isEqualTo("[\"import\",\"speed\"]");
      assertThat(nps.sentiment()).as("sentiment scored at ingest, with the product lexicon (quick)")
          .isEqualTo(Vader.feedback().compound("Import was quick")).isPositive();
      assertThat(nps.source()).isEqualTo("api");
      assertThat(new StoredRecords(s.server().store().jdbi()).feedbackOfSession("s1")).hasSize(2);

      TestServer.Response again = s.postJson("/api/v1/feedback", body);
      assertThat(again.json().path("accepted").asInt()).isZero();
      assertThat(again.json().path("duplicates").asInt())
          .as("items without id get a deterministic one, so they dedupe too").isEqualTo(5);
      assertThat(again.json().path("ids")).isEqualTo(r.json().path("ids"));
      assertThat(s.count("feedback")).isEqualTo(5);
    }
  }

  @Test
  void aBareArrayIsAccepted() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/api/v1/feedback", "[{\"kind\":\"csat\",\"score\":5," + TS + "}]");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
    }
  }

  static Stream<Arguments> rules() {
    String longText = "x".repeat(5001);
    return Stream.of(
        Arguments.of("{\"score\":5," + TS + "}", "items[0].kind", "kind is required"),
        Arguments.of("{\"kind\":\"star\",\"score\":5," + TS + "}", "items[0].kind", "one of ces, csat, nps"),
        Arguments.of("{\"kind\":\"nps\"," + TS + "}", "items[0].score", "score is required"),
        Arguments.of("{\"kind\":\"nps\",\"score\":-1," + TS + "}", "items[0].score", "from 0 to 10"),
        Arguments.of("{\"kind\":\"nps\",\"score\":7.5," + TS + "}", "items[0].score", "integer from 0 to 10"),
        Arguments.of("{\"kind\":\"nps\",\"score\":\"9\"," + TS + "}", "items[0].score", "integer from 0 to 10"),
        Arguments.of("{\"kind\":\"csat\",\"score\":0," + TS + "}", "items[0].score", "from 1 to 5"),
        Arguments.of("{\"kind\":\"csat\",\"score\":6," + TS + "}", "items[0].score", "from 1 to 5"),
        Arguments.of("{\"kind\":\"ces\",\"score\":8," + TS + "}", "items[0].score", "from 1 to 7"),
        Arguments.of("{\"kind\":\"text\"," + TS + "}", "items[0].text", "text is required"),
        Arguments.of("{\"kind\":\"ticket\",\"text\":\"  \"," + TS + "}", "items[0].text", "text is required"),
        Arguments.of("{\"kind\":\"text\",\"text\":\"" + longText + "\"," + TS + "}", "items[0].text",
            "at most 5000 characters"),
        Arguments.of("{\"kind\":\"text\",\"text\":\"ok\",\"score\":3," + TS + "}", "items[0].score",
            "only allowed for kinds nps, csat and ces"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3}", "items[0].timestamp", "timestamp is required"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3,\"timestamp\":\"May 1st\"}", "items[0].timestamp", "ISO-8601"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3,\"timestamp\":1777629600}", "items[0].timestamp",
            "between 2000-01-01 and 2100-01-01"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3," + TS + ",\"tags\":\"a,b\"}", "items[0].tags",
            "array of strings"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3," + TS + ",\"tags\":[\"ok\",7]}", "items[0].tags[1]",
            "non-empty string"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3," + TS + ",\"id\":\"" + "i".repeat(101) + "\"}", "items[0].id",
            "at most 100 characters"),
        Arguments.of("{\"kind\":\"csat\",\"score\":3," + TS + ",\"userId\":{}}", "items[0].userId", "must be a string"),
        Arguments.of("\"hello\"", "body", "{\"items\":[...]}"),
        Arguments.of("{\"items\":{}}", "items", "must be an array"),
        Arguments.of("{\"items\":[]}", "items", "at least one"),
        Arguments.of("[1]", "items[0]", "must be a JSON object"));
  }

  @TempDir static Path sharedDir;
  static TestServer shared;

  @BeforeAll
  static void startShared() throws Exception {
    shared = TestServer.start(sharedDir);
  }

  @AfterAll
  static void stopShared() {
    shared.close();
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rules")
  void everyRuleIsAnsweredWithStatusFieldAndMessage(String item, String field, String message) throws Exception {
    {
      TestServer s = shared;
      String body = item.startsWith("{\"kind") || item.startsWith("{\"score") ? "{\"items\":[" + item + "]}" : item;
      TestServer.Response r = s.postJson("/api/v1/feedback", body);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo(field);
      assertThat(r.json().path("error").asText()).contains(message);
      assertThat(s.count("feedback")).isZero();
    }
  }

  @Test
  void tooManyItemsIs413() throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i <= 1000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"kind\":\"nps\",\"score\":5,").append(TS).append('}');
    }
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/api/v1/feedback", b.append(']').toString());
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.json().path("field").asText()).isEqualTo("items");
    }
  }

  @Test
  void writeKeysGuardFeedback() throws Exception {
    try (TestServer s = TestServer.start(dir, c -> c.withWriteKeys(List.of("wk")))) {
      String item = "{\"kind\":\"nps\",\"score\":5," + TS + "}";
      assertThat(s.postJson("/api/v1/feedback", "{\"items\":[" + item + "]}").status()).isEqualTo(401);
      assertThat(s.postJson("/api/v1/feedback", "{\"writeKey\":\"wk\",\"items\":[" + item + "]}").status())
          .isEqualTo(200);
    }
  }

  @Test
  void segmentSurveyEventsBecomeFeedbackAsWellAsEvents() throws Exception {
    String batch = """
        {"batch":[
          {"type":"track","userId":"u9","messageId":"m-survey-1","event":"Survey Responded",
           "properties":{"session_id":"s9","kind":"nps","score":3,"text":"Too slow","journey":"checkout",
                         "tags":["perf"]},"timestamp":"2026-05-01T10:00:00Z"},
          {"type":"track","anonymousId":"a9","messageId":"m-fb-1","event":"Feedback Submitted",
           "properties":{"text":"Love the new import"},"timestamp":"2026-05-01T10:01:00Z"},
          {"type":"track","userId":"u9","messageId":"m-survey-bad","event":"Survey Responded",
           "properties":{"kind":"csat","score":9},"timestamp":"2026-05-01T10:02:00Z"},
          {"type":"track","userId":"u9","messageId":"m-other","event":"Import Started",
           "properties":{"score":3},"timestamp":"2026-05-01T10:03:00Z"}]}""";
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Response r = s.postJson("/v1/batch", batch);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("accepted").asInt()).as("every event is stored as an event").isEqualTo(4);
      JsonNode fb = r.json().path("feedback");
      assertThat(fb.path("accepted").asInt()).isEqualTo(2);
      assertThat(fb.path("rejected").get(0).path("field").asText())
          .isEqualTo("event 'Survey Responded' (messageId m-survey-bad).properties.score");
      StoredRecords store = new StoredRecords(s.server().store().jdbi());
      Feedback nps = store.feedback("segment:m-survey-1").orElseThrow();
      assertThat(nps.kind()).isEqualTo("nps");
      assertThat(nps.score()).isEqualTo(3.0);
      assertThat(nps.sessionId()).isEqualTo("s9");
      assertThat(nps.userId()).isEqualTo("u9");
      assertThat(nps.journey()).isEqualTo("checkout");
      assertThat(nps.source()).isEqualTo("segment");
      assertThat(nps.timestamp()).isEqualTo(java.time.Instant.parse("2026-05-01T10:00:00Z").toEpochMilli());
      Feedback text = store.feedback("segment:m-fb-1").orElseThrow();
      assertThat(text.kind()).isEqualTo("text");
      assertThat(text.userId()).isEqualTo("a9");

      TestServer.Response again = s.postJson("/v1/batch", batch);
      assertThat(again.json().path("feedback").path("duplicates").asInt()).isEqualTo(2);
      assertThat(s.count("feedback")).isEqualTo(2);
      assertThat(s.count("events")).isEqualTo(4);
    }
  }
}
