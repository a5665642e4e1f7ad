package io.uxlens.query.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.feedback.TextMask;
import io.uxlens.feedback.Vader;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback metrics over real HTTP: answers ingested through POST /api/v1/feedback and a Segment batch, read back
 * through /grafana/query and Infinity rows, against figures worked out by hand below. Range 2026-03-02 00:00 to
 * 03:00 UTC in hour buckets (the end is inclusive, so there are 4 buckets).
 *
 * <pre>
 * bucket 0  nps checkout 10 9 9 7 3, nps import 6 8   -> all: 3 promoters, 2 detractors of 7 = 14.29;
 *                                                         checkout (3-1)/5 = 40; import (0-1)/2 = -50
 * bucket 1  csat checkout 5 4 3 2, csat import 1       -> all 2/5 = 40%; checkout 2/4 = 50%; import 0%
 * bucket 2  nps checkout 10, text checkout (Segment), ces 5 without journey, ces 6 checkout
 *                                                     -> CES all (5+6)/2 = 5.5; checkout 6; no journey 5
 * bucket 3  nothing                                     -> null, never NaN
 * sprint 2026-03-02..09 (7 days from the anchor): "csv export broken" in 3 negative texts (checkout, import),
 * "search never finds" in 2 (March 4th, outside the range but inside the sprint), of 5 negative texts;
 * previous sprint: "csv export broken" once.
 * </pre>
 */
class FeedbackMetricsTest {
  static final String FROM = "2026-03-02T00:00:00Z";
  static final String TO = "2026-03-02T03:00:00Z";
  static final long T0 = java.time.Instant.parse(FROM).toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final String A5 = "The CSV export is broken again, email me at bob@example.com";
  static final String B4 = "CSV export is broken on Safari";
  static final String C2 = "csv export broken, I hate this";
  static final String D1 = "Search never finds my orders";
  static final String D2 = "Search never finds anything, call +44 20 7946 0958";
  static final String SPRINT = "&sprint_days=7&anchor=2026-03-02";

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void ingest() throws Exception {
    server = TestServer.start(dir);
    List<String> items = List.of(
        item("a1", "nps", 10, "Love it", "checkout", "00:05"),
        item("a2", "nps", 9, null, "checkout", "00:10"),
        item("a3", "nps", 9, null, "checkout", "00:15"),
        item("a4", "nps", 7, null, "checkout", "00:20"),
        item("a5", "nps", 3, A5, "checkout", "00:25"),
        item("a6", "nps", 6, null, "import", "00:30"),
        item("a7", "nps", 8, null, "import", "00:35"),
        item("b1", "csat", 5, null, "checkout", "01:05"),
        item("b2", "csat", 4, null, "checkout", "01:10"),
        item("b3", "csat", 3, null, "checkout", "01:15"),
        item("b5", "csat", 2, null, "checkout", "01:20"),
        item("b4", "csat", 1, B4, "import", "01:25"),
        item("c1", "nps", 10, "Fast and easy checkout", "checkout", "02:10"),
        item("c3", "ces", 5, null, null, "02:40"),
        item("c4", "ces", 6, null, "checkout", "02:45"),
        item("d1", "nps", 2, D1, "checkout", "2026-03-04T10:00:00Z"),
        item("d2", "nps", 1, D2, "checkout", "2026-03-04T11:00:00Z"),
        item("p1", "ticket", null, "CSV export is broken", "checkout", "2026-02-25T10:00:00Z"));
    TestServer.Response r = server.postJson("/api/v1/feedback", "{\"items\":[" + String.join(",", items) + "]}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(items.size());
    String batch = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u-c2\",\"messageId\":\"m-c2\","
        + "\"event\":\"Feedback Submitted\",\"properties\":{\"text\":\"" + C2 + "\",\"journey\":\"checkout\"},"
        + "\"timestamp\":\"2026-03-02T02:20:00Z\"}]}";
    TestServer.Response s = server.postJson("/v1/batch", batch);
    assertThat(s.json().path("feedback").path("accepted").asInt()).as(s.text()).isEqualTo(1);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String item(String id, String kind, Integer score, String text, String journey, String time) {
    String ts = time.length() == 5 ? "2026-03-02T" + time + ":00Z" : time;
    return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\"" + (score == null ? "" : ",\"score\":" + score)
        + (text == null ? "" : ",\"text\":\"" + text + "\"") + (journey == null ? "" : ",\"journey\":\"" + journey
        + "\"") + ",\"sessionId\":\"s-" + id + "\",\"timestamp\":\"" + ts + "\"}";
  }

  static double compound(String text) {
    return Vader.feedback().compound(text);
  }

  @Test
  void sentimentIsScoredAndStoredAtIngestThroughBothPaths() {
    StoredRecords store = new StoredRecords(server.server().store().jdbi());
    assertThat(store.feedback("a5").orElseThrow().sentiment()).isNegative();
    assertThat(store.feedback("segment:m-c2").orElseThrow().sentiment()).as("Segment path").isNegative()
        .isEqualTo(compound(C2));
    assertThat(store.feedback("a1").orElseThrow().sentiment()).isPositive();
    assertThat(store.feedback("a2").orElseThrow().sentiment()).as("no text, no sentiment").isNull();
  }

  @Test
  void npsPerBucketWithResponsesAndNullForEmptyBuckets() throws Exception {
    JsonNode frames = query("feedback.nps", "{}");
    assertThat(frames).hasSize(1);
    assertThat(values(frames.get(0), "value")).containsExactly(100.0 * (3 - 2) / 7, null, 100.0, null);
    assertThat(values(frames.get(0), "responses")).containsExactly(7.0, 0.0, 1.0, 0.0);
    JsonNode config = field(frames.get(0), "value").path("config");
    assertThat(config.path("unit").asText()).isEqualTo("none");
    assertThat(config.path("min").asDouble()).isEqualTo(-100);
    assertThat(config.path("max").asDouble()).isEqualTo(100);

    JsonNode byJourney = query("feedback.nps", "{\"group_by\":\"journey\"}");
    assertThat(byJourney).hasSize(2);
    assertThat(field(byJourney.get(0), "value").path("labels").path("journey").asText()).isEqualTo("checkout");
    assertThat(values(byJourney.get(0), "value")).containsExactly(40.0, null, 100.0, null);
    assertThat(values(byJourney.get(1), "value")).containsExactly(-50.0, null, null, null);
    assertThat(values(byJourney.get(1), "responses")).containsExactly(2.0, 0.0, 0.0, 0.0);

    JsonNode importOnly = query("feedback.nps", "{\"journey\":\"import\"}");
    assertThat(values(importOnly.get(0), "value")).containsExactly(-50.0, null, null, null);
    assertThat(field(importOnly.get(0), "value").path("config").path("displayNameFromDS").asText())
        .isEqualTo("NPS import");
  }

  @Test
  void csatPercentPerJourney() throws Exception {
    JsonNode all = query("feedback.csat", "{}");
    assertThat(values(all.get(0), "value")).containsExactly(null, 40.0, null, null);
    assertThat(values(all.get(0), "responses")).containsExactly(0.0, 5.0, 0.0, 0.0);
    assertThat(field(all.get(0), "value").path("config").path("unit").asText()).isEqualTo("percent");
    JsonNode byJourney = query("feedback.csat", "{\"group_by\":\"journey\"}");
    assertThat(values(byJourney.get(0), "value")).containsExactly(null, 50.0, null, null);
    assertThat(values(byJourney.get(1), "value")).containsExactly(null, 0.0, null, null);
  }

  @Test
  void cesMeanPerJourney() throws Exception {
    JsonNode all = query("feedback.ces", "{}");
    assertThat(values(all.get(0), "value")).containsExactly(null, null, 5.5, null);
    assertThat(values(all.get(0), "responses")).containsExactly(0.0, 0.0, 2.0, 0.0);
    Map<String, List<Double>> byJourney = new java.util.TreeMap<>();
    query("feedback.ces", "{\"group_by\":\"journey\"}").forEach(
        f -> byJourney.put(field(f, "value").path("labels").path("journey").asText(), values(f, "value")));
    assertThat(byJourney.get("checkout")).containsExactly(null, null, 6.0, null);
    assertThat(byJourney.values()).contains(java.util.Arrays.asList(null, null, 5.0, null));
  }

  @Test
  void sentimentMeanPerBucket() throws Exception {
    JsonNode frames = query("feedback.sentiment", "{}");
    List<Double> v = values(frames.get(0), "value");
    assertThat(v.get(0)).isCloseTo((compound("Love it") + compound(A5)) / 2, within(1e-12));
    assertThat(v.get(1)).isCloseTo(compound(B4), within(1e-12));
    assertThat(v.get(2)).isCloseTo((compound("Fast and easy checkout") + compound(C2)) / 2, within(1e-12));
    assertThat(v.get(3)).isNull();
    assertThat(values(frames.get(0), "texts")).containsExactly(2.0, 1.0, 2.0, 0.0);
  }

  @Test
  void volumePerKindCountsZeroesAsZero() throws Exception {
    JsonNode frames = query("feedback.volume", "{}");
    Map<String, List<Double>> byKind = new java.util.TreeMap<>();
    frames.forEach(f -> byKind.put(field(f, "value").path("labels").path("kind").asText(), values(f, "value")));
    assertThat(byKind).containsOnlyKeys("ces", "csat", "nps", "text");
    assertThat(byKind.get("nps")).containsExactly(7.0, 0.0, 1.0, 0.0);
    assertThat(byKind.get("csat")).containsExactly(0.0, 5.0, 0.0, 0.0);
    assertThat(byKind.get("text")).containsExactly(0.0, 0.0, 1.0, 0.0);
    assertThat(byKind.get("ces")).containsExactly(0.0, 0.0, 2.0, 0.0);
  }

  @Test
  void painPointsOfTheSprintHoldingTheRangeEnd() throws Exception {
    JsonNode rows = rows("feedback.pain_points", SPRINT);
    assertThat(rows).hasSize(2);
    JsonNode csv = rows.get(0);
    assertThat(csv.path("rank").asInt()).isEqualTo(1);
    assertThat(csv.path("theme").asText()).isEqualTo("csv export broken");
    assertThat(csv.path("mentions").asInt()).isEqualTo(3);
    assertThat(csv.path("share").asDouble()).isEqualTo(3.0 / 5);
    assertThat(csv.path("previous").asInt()).isEqualTo(1);
    assertThat(csv.path("change").asInt()).isEqualTo(2);
    assertThat(csv.path("journeys").asText()).isEqualTo("checkout, import");
    assertThat(csv.path("mean_sentiment").asDouble())
        .isCloseTo((compound(A5) + compound(B4) + compound(C2)) / 3, within(1e-12));
    String worst = List.of(A5, B4, C2).stream().min(Comparator.comparingDouble(FeedbackMetricsTest::compound))
        .orElseThrow();
    assertThat(csv.path("quote").asText()).isEqualTo(TextMask.mask(worst)).doesNotContain("bob@example.com");
    JsonNode search = rows.get(1);
    assertThat(search.path("theme").asText()).isEqualTo("search never finds");
    assertThat(search.path("mentions").asInt()).isEqualTo(2);
    assertThat(search.path("share").asDouble()).isEqualTo(2.0 / 5);
    assertThat(search.path("change").asInt()).isEqualTo(2);
    assertThat(search.path("journeys").asText()).isEqualTo("checkout");
    assertThat(search.path("quote").asText()).doesNotContain("7946").doesNotContain("0958");

    assertThat(rows("feedback.pain_points", SPRINT + "&journey=import")).as("one mention is no theme").isEmpty();
    assertThat(rows("feedback.pain_points", SPRINT + "&top=3").size()).isEqualTo(2);
    JsonNode weekBefore = rows("feedback.pain_points", "&sprint_days=7&anchor=2026-02-23");
    assertThat(weekBefore).as("same calendar: the range end is in the sprint of March 2nd").hasSize(2);
  }

  @Test
  void painPointsDefaultToTheConfiguredCalendar() throws Exception {
    // default calendar: two weeks from 2024-01-01, so the sprint is 2026-02-23..03-09 and holds p1 as well
    JsonNode rows = rows("feedback.pain_points", "");
    assertThat(rows.get(0).path("theme").asText()).isEqualTo("csv export broken");
    assertThat(rows.get(0).path("mentions").asInt()).isEqualTo(4);
    assertThat(rows.get(0).path("previous").asInt()).isZero();
  }

  @Test
  void quotesNewestFirstFilteredByThemeAndJourneyAndMasked() throws Exception {
    JsonNode all = rows("feedback.quotes", "&limit=10");
    assertThat(all).hasSize(5);
    List<Long> times = new ArrayList<>();
    all.forEach(r -> times.add(r.path("time").asLong()));
    assertThat(times).containsExactly(T0 + 2 * HOUR + 20 * 60_000, T0 + 2 * HOUR + 10 * 60_000,
        T0 + HOUR + 25 * 60_000, T0 + 25 * 60_000, T0 + 5 * 60_000);

    JsonNode csv = rows("feedback.quotes", "&theme=CSV+exports+broken");
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0).path("kind").asText()).isEqualTo("text");
    assertThat(csv.get(0).path("score").isNull()).isTrue();
    assertThat(csv.get(1).path("score").asDouble()).isEqualTo(1.0);
    assertThat(csv.get(1).path("journey").asText()).isEqualTo("import");
    assertThat(csv.get(2).path("text").asText()).isEqualTo("The CSV export is broken again, email me at ***@***");
    assertThat(csv.get(2).path("sentiment").asDouble()).isEqualTo(compound(A5));

    assertThat(rows("feedback.quotes", "&theme=csv+export+broken&journey=import")).hasSize(1);
    assertThat(rows("feedback.quotes", "&limit=10&journey=import")).hasSize(1);
  }

  @Test
  void badOptionsAre400sNamingTheOption() throws Exception {
    assertBad("feedback.pain_points", "&sprint_days=0", "payload.sprint_days", "1 to 366");
    assertBad("feedback.pain_points", "&anchor=yesterday", "payload.anchor", "2024-01-01");
    assertBad("feedback.quotes", "&theme=the+and+of", "payload.theme", "content words");
    assertBad("feedback.quotes", "&limit=7", "payload.limit", "valid: 10, 20, 50, 100");
    assertBad("feedback.nps", "&journey=billing", "payload.journey",
        "valid: all, onboarding, inventory-import, checkout, account-opening, import");
    assertBad("feedback.nps", "&group_by=colour", "payload.group_by", "journey, kind");
  }

  private static void assertBad(String metric, String params, String field, String message) throws Exception {
    TestServer.Response r = server.get(rowsPath(metric, params));
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo(field);
    assertThat(r.json().path("error").asText()).contains(message);
  }

  static JsonNode query(String metric, String payload) throws Exception {
    String body = "{\"range\":{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"},\"interval\":\"1h\","
        + "\"intervalMs\":3600000,\"maxDataPoints\":100,\"targets\":[{\"refId\":\"A\",\"target\":\"" + metric
        + "\",\"payload\":" + payload + "}]}";
    TestServer.Response r = server.postJson("/grafana/query", body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  static String rowsPath(String metric, String params) {
    return "/api/v1/rows/" + metric + "?from=" + FROM + "&to=" + TO + "&interval=1h" + params;
  }

  static JsonNode rows(String metric, String params) throws Exception {
    TestServer.Response r = server.get(rowsPath(metric, params));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().path("rows");
  }

  static JsonNode field(JsonNode frame, String name) {
    for (JsonNode f : frame.path("fields")) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name + " in " + frame);
  }

  static List<Double> values(JsonNode frame, String name) {
    List<Double> out = new ArrayList<>();
    field(frame, name).path("values").forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
    return out;
  }
}
