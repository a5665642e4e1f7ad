package io.uxlens.query.journey;

import static io.uxlens.query.journey.JourneyServer.HOUR_RANGE;
import static io.uxlens.query.journey.JourneyServer.query;
import static io.uxlens.query.journey.JourneyServer.rows;
import static io.uxlens.query.journey.JourneyServer.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Journey and correlation tables and the journey variables over real HTTP on {@link io.uxlens.testing.JourneyTraffic},
 * against figures worked out by hand from its table. Checkout's five finished attempts:
 * <pre>
 * attempt  last step  errors at      latencies into checkout/shipping/payment/order (s)   mean span ms  outcome
 * c1       order      -              60 / 60 / 60 / 60                                    100           completed
 * c2       order      checkout       30 / 150 / 60 / 120                                  300           completed
 * c3       checkout   -              60                                                   900           abandoned
 * c4       shipping   shipping       60 / 60                                              1200          abandoned
 * c5       order      -              60 / 60 / 60 / 120                                   200           completed
 * </pre>
 */
class JourneyTablesHttpTest {
  @RegisterExtension static final TestServer server = TestServer.perClass(c -> c, JourneyServer::seed);

  private static List<String> lines(JsonNode rows, Function<JsonNode, String> line) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(line.apply(r)));
    return out;
  }

  private static String num(JsonNode v) {
    return v == null || v.isNull() ? "null" : String.format("%.4f", v.asDouble());
  }

  /**
   * A table over all journeys is answered journey by journey on several threads (JourneyFanOut): its rows must be
   * each journey's own table, in the journeys' order (onboarding, inventory-import, checkout, account-opening).
   */
  @Test
  void aTableOverAllJourneysIsEachJourneysTableInOrder() throws Exception {
    List<String> journeys = List.of("onboarding", "inventory-import", "checkout", "account-opening");
    for (String table : List.of("journey.kpis", "journey.funnel", "journey.drivers", "correlation.bottlenecks",
        "correlation.latency_completion")) {
      for (int round = 0; round < 5; round++) { // threads finish in any order
        JsonNode all = rows(server, table, HOUR_RANGE + "&journey=all");
        List<JsonNode> expected = new ArrayList<>();
        for (String j : journeys) {
          rows(server, table, HOUR_RANGE + "&journey=" + j).forEach(expected::add);
        }
        List<JsonNode> got = new ArrayList<>();
        all.forEach(got::add);
        assertThat(got).as(table).isEqualTo(expected);
        if (!table.equals("journey.drivers")) { // drivers: too few attempts here for a row to clear the bar
          assertThat(lines(all, r -> r.get("journey").asText())).as(table).contains("checkout", "inventory-import");
        }
      }
    }
  }

  @Test
  void funnelOfCheckout() throws Exception {
    // reached 5 5 4 3 3 of 5 attempts; p95 (lower rank) into checkout of [30 60 60 60 60] = 60, shipping of
    // [60 60 60 150] = 60, payment [60 60 60] = 60, order [60 120 120] = 120
    JsonNode rows = rows(server, "journey.funnel", HOUR_RANGE + "&journey=checkout");
    assertThat(lines(rows, r -> r.get("journey").asText() + " " + r.get("index").asInt() + " "
        + r.get("step").asText() + " " + r.get("reached").asLong() + " " + num(r.get("conversion")) + " "
        + num(r.get("step_conversion")) + " " + r.get("drop_off").asLong())).containsExactly(
        "checkout 0 cart 5 1.0000 1.0000 0",
        "checkout 1 checkout 5 1.0000 1.0000 0",
        "checkout 2 shipping 4 0.8000 0.8000 1",
        "checkout 3 payment 3 0.6000 0.7500 1",
        "checkout 4 order 3 0.6000 1.0000 0");
    assertThat(rows.get(0).get("latency_p95").isNull()).isTrue();
    double[] p95 = {60, 60, 60, 120};
    for (int i = 0; i < p95.length; i++) {
      assertThat(rows.get(i + 1).get("latency_p95").asDouble()).isCloseTo(p95[i], within(p95[i] / 100));
    }
    JsonNode frame = query(server, "journey.funnel", "{\"journey\":\"onboarding\"}", "600000", "[]").get(0);
    assertThat(values(frame, "step")).containsExactly("signup", "profile", "invite", "first-value");
    assertThat(values(frame, "reached")).containsExactly(0.0, 0.0, 0.0, 0.0);
    assertThat(values(frame, "conversion")).containsOnlyNulls();
  }

  @Test
  void kpiTableHoldsEveryJourneyAgainstTargetAndBenchmark() throws Exception {
    // checkout: completion 3/5 = 0.6 (target 0.7, MeasuringU benchmark 0.78: below benchmark), abandonment 2/5,
    // errors c2 c4 = 2/5 (target 0.03), time on task p75 of [240 300 360] = 300 s (target 4m = 240 s);
    // import: completion 1/2 (below benchmark), errors 1/2 (target 0.02), p75 of [240] = 240 s (target 300 s)
    JsonNode rows = rows(server, "journey.kpis", HOUR_RANGE);
    List<String> got = lines(rows, r -> r.get("journey").asText() + " " + r.get("kpi").asText() + " "
        + num(r.get("value")) + " " + r.get("unit").asText() + " " + num(r.get("target")) + " "
        + num(r.get("benchmark")) + " " + r.get("status").asText() + " " + r.get("n").asLong());
    assertThat(got).hasSize(20).contains(
        "onboarding attempts null count null null no data 0",
        "onboarding completion_rate null ratio 0.6000 0.7800 no data 0",
        "checkout attempts 5.0000 count null null no target 5",
        "checkout completion_rate 0.6000 ratio 0.7000 0.7800 below benchmark 5",
        "checkout abandonment_rate 0.4000 ratio null null no target 5",
        "checkout error_rate 0.4000 ratio 0.0300 null below target 5",
        "inventory-import completion_rate 0.5000 ratio 0.8500 0.7800 below benchmark 2",
        "inventory-import error_rate 0.5000 ratio 0.0200 null below target 2");
    JsonNode tot = rows.get(got.indexOf(got.stream().filter(l -> l.startsWith("checkout time_on_task_p75"))
        .findFirst().orElseThrow()));
    assertThat(tot.get("value").asDouble()).isCloseTo(300, within(3.0));
    assertThat(tot.get("target").asDouble()).isEqualTo(240.0);
    assertThat(tot.get("status").asText()).isEqualTo("below target");
    JsonNode importTot = rows.get(got.indexOf(got.stream()
        .filter(l -> l.startsWith("inventory-import time_on_task_p75")).findFirst().orElseThrow()));
    assertThat(importTot.get("status").asText()).isEqualTo("above target");

    // app 2.4.1 only: checkout c1 c2 both completed -> 1.0, above the 0.7 target and the 0.78 benchmark
    JsonNode frame = query(server, "journey.kpis", "{\"journey\":\"checkout\"}", "600000",
        "[{\"key\":\"app.version\",\"operator\":\"=\",\"value\":\"2.4.1\"}]").get(0);
    assertThat(values(frame, "kpi").get(1)).isEqualTo("completion_rate");
    assertThat(values(frame, "value").get(1)).isEqualTo(1.0);
    assertThat(values(frame, "status").get(1)).isEqualTo("above target");
  }

  @Test
  void completionByLatencyInQuartileBandsAndGivenEdges() throws Exception {
    // checkout mean latencies 100 300 900 1200 200; quartiles (lower rank of 5) 200, 300, 900
    JsonNode rows = rows(server, "correlation.completion_by_latency", HOUR_RANGE + "&journey=checkout");
    assertThat(lines(rows, r -> r.get("band").asText() + " " + num(r.get("from_ms")) + " " + num(r.get("to_ms"))
        + " " + r.get("attempts").asLong() + " " + r.get("completed").asLong() + " "
        + num(r.get("completion_rate")) + " " + num(r.get("mean_latency_ms")))).containsExactly(
        "< 200 ms null 200.0000 1 1 1.0000 100.0000",
        "200-300 ms 200.0000 300.0000 1 1 1.0000 200.0000",
        "300-900 ms 300.0000 900.0000 1 1 1.0000 300.0000",
        ">= 900 ms 900.0000 null 2 0 0.0000 1050.0000");
    JsonNode edges = rows(server, "correlation.completion_by_latency", HOUR_RANGE + "&edges=500");
    assertThat(lines(edges, r -> r.get("journey").asText() + " " + r.get("band").asText() + " "
        + r.get("attempts").asLong() + " " + num(r.get("completion_rate")))).containsExactly(
        "onboarding < 500 ms 0 null", "onboarding >= 500 ms 0 null",
        "inventory-import < 500 ms 1 1.0000", "inventory-import >= 500 ms 1 0.0000",
        "checkout < 500 ms 3 1.0000", "checkout >= 500 ms 2 0.0000",
        "account-opening < 500 ms 0 null", "account-opening >= 500 ms 0 null");
    TestServer.Response bad = server.get("/api/v1/rows/correlation.completion_by_latency?" + HOUR_RANGE
        + "&edges=fast");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("payload.edges");
  }

  @Test
  void bottlenecksRankPaymentFirst() throws Exception {
    // checkout (all 5 finished). Into shipping: lost c3 (left at checkout: waited 0); waits 60 60 60 150 -> p75
    // (rank 2) 60; errored c2 reached (loss 0 < the others' 1/4) -> 0 explained; trouble = c2 (error, 150 s > 60),
    // completion with 1/1, without 2/4 -> impact -0.5, score 0. Into payment: faced c1 c2 c4 c5, lost c4 after an
    // error at shipping: errored loss 1/1 against 0/3 -> lost to errors 1 - 1 x 0 = 1 = score, error share 1;
    // trouble c4: with 0/1, without 3/3 -> impact 1. Checkout and order: nothing lost -> score 0. Rank by score,
    // then lost, then position.
    JsonNode rows = rows(server, "correlation.bottlenecks", HOUR_RANGE + "&journey=checkout");
    assertThat(lines(rows, r -> r.get("rank").asInt() + " " + r.get("step").asText() + " " + r.get("index").asInt()
        + " " + r.get("faced").asLong() + " " + r.get("lost").asLong() + " " + r.get("troubled").asLong() + " "
        + num(r.get("completion_with_trouble")) + " " + num(r.get("completion_without_trouble")) + " "
        + num(r.get("impact")) + " " + num(r.get("score")))).containsExactly(
        "1 payment 3 4 1 1 0.0000 1.0000 1.0000 1.0000",
        "2 shipping 2 5 1 1 1.0000 0.5000 -0.5000 0.0000",
        "3 checkout 1 5 0 0 null 0.6000 null 0.0000",
        "4 order 4 3 0 0 null 1.0000 null 0.0000");
    assertThat(rows.get(0).get("median_latency_s").asDouble()).isCloseTo(60, within(0.6));
    assertThat(rows.get(0).get("lost_after_error").asLong()).isEqualTo(1);
    assertThat(rows.get(0).get("lost_to_errors").asDouble()).isEqualTo(1.0);
    assertThat(rows.get(0).get("error_share").asDouble()).isEqualTo(1.0);
  }

  @Test
  void pointBiserialCorrelationOfLatencyAndCompletion() throws Exception {
    // Pearson r of latency x = (100, 300, 900, 1200, 200) with completion y = (1, 1, 0, 0, 1), computed here the
    // long way; t = r sqrt(3 / (1 - r^2)); p two-sided from the closed-form Student t CDF for 3 degrees of
    // freedom: F(t) = 1/2 + (u / (1 + u^2) + atan u) / pi, u = t / sqrt 3
    double[] x = {100, 300, 900, 1200, 200};
    double[] y = {1, 1, 0, 0, 1};
    double mx = 540;
    double my = 0.6;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < 5; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    double r = sxy / Math.sqrt(sxx * syy);
    double t = r * Math.sqrt(3 / (1 - r * r));
    double u = Math.abs(t) / Math.sqrt(3);
    double p = 2 * (1 - (0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI));
    assertThat(r).isCloseTo(-0.9645, within(1e-4));

    JsonNode rows = rows(server, "correlation.latency_completion", HOUR_RANGE);
    assertThat(lines(rows, row -> row.get("journey").asText() + " " + row.get("n").asLong() + " "
        + row.get("completed").asLong() + "/" + row.get("abandoned").asLong())).containsExactly(
        "onboarding 0 0/0", "inventory-import 2 1/1", "checkout 5 3/2", "account-opening 0 0/0");
    JsonNode checkout = rows.get(2);
    assertThat(checkout.get("r").asDouble()).isCloseTo(r, within(1e-9));
    assertThat(checkout.get("t").asDouble()).isCloseTo(t, within(1e-9));
    assertThat(checkout.get("p_value").asDouble()).isCloseTo(p, within(1e-9));
    assertThat(checkout.get("mean_latency_completed_ms").asDouble()).isEqualTo(200.0);
    assertThat(checkout.get("mean_latency_abandoned_ms").asDouble()).isEqualTo(1050.0);
    assertThat(rows.get(1).get("r").isNull()).as("two attempts: no correlation").isTrue();
  }

  private static List<String> variable(String payload) throws Exception {
    TestServer.Response r = server.postJson("/grafana/variable", "{\"payload\":" + payload + "}");
    assertThat(r.status()).as(payload + " " + r.text()).isEqualTo(200);
    return lines(r.json(), v -> v.get("__text").asText() + "=" + v.get("__value").asText());
  }

  @Test
  void variablesForJourneysStepsAndSquads() throws Exception {
    assertThat(variable("{\"target\":\"journeys\"}")).containsExactly("New account onboarding=onboarding",
        "Initial inventory import=inventory-import", "Checkout=checkout", "Business account opening=account-opening");
    assertThat(variable("{\"target\":\"journeys\",\"squad\":\"Payments\"}")).containsExactly("Checkout=checkout");
    assertThat(variable("{\"target\":\"squads\"}")).containsExactly("Growth=Growth",
        "Data onboarding=Data onboarding", "Payments=Payments", "Banking core=Banking core");
    assertThat(variable("{\"target\":\"steps\",\"journey\":\"checkout\"}")).containsExactly("cart=cart",
        "checkout=checkout", "shipping=shipping", "payment=payment", "order=order");
    assertThat(variable("{\"target\":\"steps\"}")).contains("signup=signup", "cart=cart", "opened=opened");
    TestServer.Response bad = server.postJson("/grafana/variable",
        "{\"payload\":{\"target\":\"steps\",\"journey\":\"nope\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).contains("'nope'", "checkout");
  }

  @Test
  void theEditorReloadsStepsWhenTheJourneyChanges() throws Exception {
    JsonNode metrics = server.postJson("/grafana/metrics",
        "{\"metric\":\"journey.step_latency\",\"payload\":{\"journey\":\"inventory-import\"}}").json();
    JsonNode stepLatency = null;
    for (JsonNode m : metrics) {
      if (m.get("value").asText().equals("journey.step_latency")) {
        stepLatency = m;
      }
    }
    assertThat(stepLatency).isNotNull();
    JsonNode journey = stepLatency.get("payloads").get(0);
    assertThat(journey.get("name").asText()).isEqualTo("journey");
    assertThat(journey.get("reloadMetric").asBoolean()).isTrue();
    assertThat(lines(stepLatency.get("payloads").get(1).get("options"), o -> o.get("value").asText()))
        .containsExactly("all", "start", "upload", "mapping", "done");
  }

  @Test
  void feedbackPanelsAcceptEveryDefinedJourney() throws Exception {
    // no feedback names onboarding, yet a dashboard's journey variable may hold it: no 400 on feedback panels
    TestServer.Response options = server.postJson("/grafana/metric-payload-options",
        "{\"metric\":\"feedback.nps\",\"name\":\"journey\",\"payload\":{}}");
    assertThat(lines(options.json(), o -> o.get("value").asText())).containsExactly("all", "onboarding",
        "inventory-import", "checkout", "account-opening");
    TestServer.Response nps = server.get("/api/v1/rows/feedback.nps?" + HOUR_RANGE + "&journey=onboarding");
    assertThat(nps.status()).as(nps.text()).isEqualTo(200);
    assertThat(nps.json().get("rows")).isEmpty();
  }
}
