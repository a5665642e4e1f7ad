package io.uxlens.query.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An A/B/C experiment ingested as Segment events over HTTP and read back through /grafana/query and Infinity
 * rows. 3,000 units, one every 15 s from 2026-03-02 18:00 UTC (so the data spans two UTC days), take turns in
 * A, B, C; each sees the experiment, starts the signup journey 1 s later and completes it 30 s later or never
 * (abandoned after 5 min). Completions: A 200/1000, B 250/1000, C 210/1000. Noise the analysis must ignore:
 * 20 users who attempt without exposure, 30 A units with an earlier attempt before their exposure, and one A
 * unit later also shown B (a crossover, still counted once in A).
 *
 * <p>Reference values (SciPy 1.17.1, the same cases as InferenceTest): B vs A 0.25 - 0.20 = 0.05, unpooled 95% CI
 * [0.0134636217, 0.0865363783], p = 0.0073137772, relative 0.25 [0.0450220601, 0.4549779399]; C vs A 0.01,
 * CI [-0.0253826431, 0.0453826431], p = 0.5796241924, relative 0.05 [-0.1313099111, 0.2313099111]. Holm over
 * the two: B min(1, 2 x 0.0073137772) = 0.0146275544, C max(0.0146275544, 0.5796241924). mSPRT with
 * tau = the absolute MDE 0.05: B 1/Lambda = 0.1216722014, C 1 (Lambda below 1). Units needed for 0.20 -> 0.25
 * at 80% power: power.prop.test closed form 1093.739 per arm, one attempt per unit: 1094 - 1000 = 94.
 */
class ExperimentMetricsTest {
  static final long T0 = Instant.parse("2026-03-02T18:00:00Z").toEpochMilli();
  static final String RANGE = "\"range\":{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-04T00:00:00Z\"}";
  static final int UNITS = 3000;
  static final Map<String, Integer> COMPLETIONS = Map.of("A", 200, "B", 250, "C", 210);

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void ingest() throws Exception {
    Path journeys = Files.writeString(dir.resolve("journeys.yml"), """
        journeys:
          - id: signup
            steps: [{id: start, event: Signup Started}, {id: done, event: Signup Completed}]
            abandon_after: 5m
        """);
    Path experiments = Files.writeString(dir.resolve("experiments.yml"), """
        experiments:
          - id: short-form
            journey: signup
            metric: completion_rate
            control: A
            variants: [{id: A}, {id: B}, {id: C}]
            minimum_detectable_effect: {absolute: 0.05}
            start: 2026-03-01
            stop: 2026-04-01
          - id: empty-test
            journey: signup
            metric: abandonment_rate
            control: X
            variants: [{id: X}, {id: Y}]
        """);
    server = TestServer.start(dir, c -> c.withJourneys(journeys).withExperiments(experiments));
    List<String> events = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int k = 0; k < UNITS; k++) {
      String v = String.valueOf("ABC".charAt(k % 3));
      int i = seen.merge(v, 1, Integer::sum) - 1;
      long t = T0 + k * 15_000L;
      String u = "u-" + k;
      if (v.equals("A") && i < 30) {
        events.add(track(u, "Signup Started", t - 20 * 60_000L, "{}")); // before exposure: not counted
      }
      events.add(track(u, "Experiment Viewed", t, "{\"experiment_id\":\"short-form\",\"variant_id\":\"" + v + "\"}"));
      if (k < 3) { // three units also in empty-test, all in X
        events.add(track(u, "Experiment Viewed", t + 500, "{\"experiment_id\":\"empty-test\",\"variant_id\":\"X\"}"));
      }
      events.add(track(u, "Signup Started", t + 1_000, "{}"));
      if ((i * COMPLETIONS.get(v)) % 1000 < COMPLETIONS.get(v)) {
        events.add(track(u, "Signup Completed", t + 31_000, "{}"));
      }
      if (k == 0) { // the crossover: seen in B after its attempt in A
        events.add(track(u, "Experiment Viewed", t + 60_000, "{\"experiment_id\":\"short-form\",\"variant_id\":\"B\"}"));
      }
    }
    for (int j = 0; j < 20; j++) {
      events.add(track("outsider-" + j, "Signup Started", T0 + j * 60_000L, "{}"));
      events.add(track("outsider-" + j, "Signup Completed", T0 + j * 60_000L + 10_000, "{}"));
    }
    events.add(track("closer", "Page Viewed", T0 + UNITS * 15_000L + 3_600_000L, "{}")); // ends open attempts
    for (int from = 0; from < events.size(); from += 500) {
      String batch = "{\"batch\":[" + String.join(",", events.subList(from, Math.min(events.size(), from + 500)))
          + "]}";
      assertThat(server.postJson("/v1/batch", batch).status()).isEqualTo(200);
    }
    awaitAttempts(UNITS + 30 + 20);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void resultsTableMatchesTheReferenceValues() throws Exception {
    JsonNode frame = query("experiment.results", "{\"experiment\":\"short-form\"}").get(0);
    assertThat(column(frame, "variant")).containsExactly("A", "B", "C");
    assertThat(column(frame, "units")).containsExactly(1000, 1000, 1000);
    assertThat(column(frame, "attempts")).containsExactly(1000, 1000, 1000);
    assertThat(column(frame, "status")).containsOnly("ok");
    assertThat(column(frame, "crossovers")).containsOnly(1);
    assertThat(column(frame, "srm")).containsOnly(false);
    assertThat(column(frame, "srm_p_value")).containsOnly(1.0); // 1000/1000/1000 against equal weights
    assertThat(column(frame, "rate")).containsExactly(0.2, 0.25, 0.21);
    assertThat(column(frame, "lift").get(0)).isNull();
    assertThat(column(frame, "significant")).containsExactly(null, true, false);
    assertThat(column(frame, "direction")).containsExactly("", "better", "");
    assertThat(column(frame, "units_needed")).containsExactly(null, 94, 94);
    double[][] want = {
        // lift, ci_low, ci_high, relative, rel low, rel high, p, adjusted p, always-valid p
        {0.05, 0.01346362168753984, 0.08653637831246014, 0.25, 0.04502206008611073, 0.45497793991388924,
            0.007313777221710672, 0.014627554443421344, 0.12167220139000717},
        {0.01, -0.025382643056507483, 0.045382643056507445, 0.05, -0.13130991108621182, 0.23130991108621146,
            0.5796241923602059, 0.5796241923602059, 1.0}};
    String[] names = {"lift", "ci_low", "ci_high", "relative_lift", "relative_ci_low", "relative_ci_high",
        "p_value", "adjusted_p_value", "always_valid_p_value"};
    for (int row = 1; row <= 2; row++) {
      for (int c = 0; c < names.length; c++) {
        assertThat(frame.path("fields").get(index(frame, names[c])).path("values").get(row).asDouble())
            .as(names[c] + " of " + column(frame, "variant").get(row)).isCloseTo(want[row - 1][c], within(1e-9));
      }
    }
    // Infinity rows carry the same numbers under the same names
    JsonNode rows = server.get("/api/v1/rows/experiment.results?from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z"
        + "&experiment=short-form").json().get("rows");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).get("p_value").asDouble()).isCloseTo(0.007313777221710672, within(1e-9));
    assertThat(rows.get(0).get("p_value").isNull()).isTrue();
    assertThat(rows.get(1).get("significant").asBoolean()).isTrue();
  }

  @Test
  void theRangeEndIsTheAsOfTime() throws Exception {
    // Up to 21:00 on the first day: units 0..719 exposed before 21:00, 240 per variant.
    JsonNode frame = query("experiment.results", "{\"experiment\":\"short-form\"}",
        "\"range\":{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-02T21:00:00Z\"}").get(0);
    assertThat(column(frame, "units")).containsExactly(240, 240, 240);
  }

  @Test
  void exposuresCountNewUnitsPerVariant() throws Exception {
    JsonNode frames = query("experiment.exposures", "{\"experiment\":\"short-form\"}");
    assertThat(frames).hasSize(3);
    for (JsonNode f : frames) {
      JsonNode value = f.path("fields").get(1);
      long sum = 0;
      for (JsonNode v : value.path("values")) {
        sum += v.asLong();
      }
      assertThat(sum).as(value.path("labels").toString()).isEqualTo(1000); // the crossover is not a new B unit
    }
  }

  @Test
  void liftOverTimeEndsAtTheResultsAndTheAlwaysValidBandIsWider() throws Exception {
    JsonNode frames = query("experiment.lift", "{\"experiment\":\"short-form\"}");
    assertThat(frames).hasSize(2);
    JsonNode b = frames.get(0);
    assertThat(b.path("fields").get(1).path("labels").path("variant").asText()).isEqualTo("B");
    assertThat(column(b, "time")).containsExactly(Instant.parse("2026-03-02T00:00:00Z").toEpochMilli(),
        Instant.parse("2026-03-03T00:00:00Z").toEpochMilli());
    int last = 1;
    assertThat(num(b, "value", last)).isCloseTo(0.05, within(1e-12));
    assertThat(num(b, "ci_low", last)).isCloseTo(0.01346362168753984, within(1e-9));
    assertThat(num(b, "p_value", last)).isCloseTo(0.007313777221710672, within(1e-9));
    for (int day = 0; day <= last; day++) {
      assertThat(num(b, "av_low", day)).isLessThan(num(b, "ci_low", day));
      assertThat(num(b, "av_high", day)).isGreaterThan(num(b, "ci_high", day));
    }
    // a running minimum over the daily looks
    assertThat(num(b, "always_valid_p_value", last)).isLessThanOrEqualTo(num(b, "always_valid_p_value", 0))
        .isLessThanOrEqualTo(0.12167220139000717 + 1e-12);
  }

  @Test
  void fewerThanTwoVariantsWithDataSaysSoInsteadOfNaN() throws Exception {
    String body = server.postJson("/grafana/query", request("experiment.results",
        "{\"experiment\":\"empty-test\"}", RANGE)).text();
    assertThat(body).doesNotContain("NaN").doesNotContain("Infinity");
    JsonNode frame = io.uxlens.json.Json.MAPPER.readTree(body).get(0);
    assertThat(column(frame, "variant")).containsExactly("X", "Y");
    assertThat(column(frame, "units")).containsExactly(3, 0);
    assertThat(column(frame, "status")).containsOnly("insufficient_data");
    assertThat(column(frame, "rate")).containsExactly(0.0, null); // the three X units all completed or abandoned
    assertThat(column(frame, "p_value")).containsOnly((Object) null);
    assertThat((String) column(frame, "note").get(1)).isEqualTo("no finished attempts yet");
    assertThat((String) column(frame, "note").get(0))
        .startsWith("not compared: fewer than two variants with data to compare");
  }

  @Test
  void unknownExperimentIsA400NamingTheValidOnes() throws Exception {
    TestServer.Response r = server.postJson("/grafana/query", request("experiment.lift",
        "{\"experiment\":\"nope\"}", RANGE));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText())
        .isEqualTo("unknown experiment 'nope' for experiment.lift; valid: empty-test, short-form");
    assertThat(r.json().get("field").asText()).isEqualTo("payload.experiment");
    assertThat(server.get("/api/v1/rows/experiment.results?from=1&to=2&experiment=nope").status()).isEqualTo(400);
  }

  @Test
  void declaredStartAndStopAreAnnotationsAndDeclaredExperimentsAreVariables() throws Exception {
    JsonNode rows = server.get("/api/v1/rows/annotations?from=2026-02-28T00:00:00Z&to=2026-04-02T00:00:00Z"
        + "&tag=experiment").json().get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("time").asLong()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    assertThat(rows.get(0).get("title").asText()).isEqualTo("Experiment started: short-form");
    assertThat(rows.get(0).get("tags").asText()).isEqualTo("experiment,start,short-form,signup");
    assertThat(rows.get(1).get("tags").asText()).isEqualTo("experiment,stop,short-form,signup");
    assertThat(rows.get(1).get("source").asText()).isEqualTo(ExperimentAnnotationSource.SOURCE);
    JsonNode vars = server.postJson("/grafana/variable", "{\"payload\":\"{\\\"target\\\":\\\"experiments\\\"}\"}")
        .json();
    assertThat(vars.findValuesAsText("__value")).containsExactly("empty-test", "short-form");
    vars = server.postJson("/grafana/variable",
        "{\"payload\":\"{\\\"target\\\":\\\"variants\\\",\\\"experiment\\\":\\\"empty-test\\\"}\"}").json();
    assertThat(vars.findValuesAsText("__value")).containsExactly("X", "Y"); // Y declared, never seen
  }

  // ---- helpers

  static JsonNode query(String metric, String payload) throws Exception {
    return query(metric, payload, RANGE);
  }

  static JsonNode query(String metric, String payload, String range) throws Exception {
    TestServer.Response r = server.postJson("/grafana/query", request(metric, payload, range));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  static String request(String metric, String payload, String range) {
    return "{" + range + ",\"intervalMs\":3600000,\"maxDataPoints\":1000,\"targets\":[{\"refId\":\"A\","
        + "\"target\":\"" + metric + "\",\"payload\":" + payload + "}]}";
  }

  static int index(JsonNode frame, String field) {
    JsonNode fields = frame.path("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).path("name").asText().equals(field)) {
        return i;
      }
    }
    throw new AssertionError("no field " + field + " in " + frame);
  }

  /** A column's values as Java values (numbers as Integer/Long/Double as JSON gives them, null for null). */
  static List<Object> column(JsonNode frame, String field) {
    List<Object> out = new ArrayList<>();
    for (JsonNode v : frame.path("fields").get(index(frame, field)).path("values")) {
      out.add(v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isIntegralNumber() ? (Object) v.numberValue()
          : v.isNumber() ? v.asDouble() : v.asText());
    }
    return out;
  }

  static double num(JsonNode frame, String field, int row) {
    return frame.path("fields").get(index(frame, field)).path("values").get(row).asDouble();
  }

  static String track(String user, String event, long ts, String props) {
    String session = "sess-" + user;
    String p = props.equals("{}") ? "{\"session_id\":\"" + session + "\"}"
        : props.substring(0, props.length() - 1) + ",\"session_id\":\"" + session + "\"}";
    return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"messageId\":\"" + user + "-" + event.replace(' ', '-')
        + "-" + ts + "\",\"event\":\"" + event + "\",\"properties\":" + p + ",\"timestamp\":\""
        + Instant.ofEpochMilli(ts) + "\"}";
  }

  static void awaitAttempts(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    List<Attempt> attempts = List.of();
    while (System.nanoTime() < deadline) {
      attempts = server.server().journeys().kpis().attempts("signup", T0 - 3_600_000L, T0 + 86_400_000L, Map.of());
      if (attempts.size() == expected && attempts.stream().noneMatch(a -> a.outcome() == Outcome.IN_PROGRESS)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + expected + " finished attempts, have " + attempts.size());
  }
}
