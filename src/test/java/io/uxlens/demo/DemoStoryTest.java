package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.correlate.LatencyBuckets;
import io.uxlens.journey.KpiBucket;
import io.uxlens.server.UxLensServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story, seen through the real journey engine after the demo sent a week of history through the real ingest
 * endpoints: what the dashboards will show is what the generator planted.
 */
class DemoStoryTest {
  static final long NOW = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
  static final long WEEK = 7 * 86_400_000L;

  @TempDir
  static Path dir;
  static Demo demo;
  static UxLensServer server;

  @BeforeAll
  static void load() throws Exception {
    demo = Demo.start(new Demo.Settings(7, 42, 1, false, 1, "127.0.0.1", 0, dir.resolve("story.db"), false, 4),
        h -> { }, NOW);
    server = demo.server();
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  static Map<String, KpiBucket> by(String journey, String key) {
    return server.journeys().kpis().summary(journey, NOW - WEEK, NOW, Optional.of(key), Map.of()).stream()
        .collect(Collectors.toMap(KpiBucket::group, b -> b));
  }

  @Test
  void variantBAbandonsImportsAboutAThirdLessThanA() {
    Map<String, KpiBucket> v = by("inventory-import", "variant");
    double a = v.get("A").abandonmentRate();
    double b = v.get("B").abandonmentRate();
    System.out.printf("inventory-import abandonment: A %.3f of %d, B %.3f of %d%n", a, v.get("A").finished(), b,
        v.get("B").finished());
    assertThat(b / a).isBetween(0.5, 0.85);
  }

  @Test
  void experimentResultsShowVariantBCuttingImportAbandonmentByAboutAThird() throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(demo.baseUri()
        .resolve("/api/v1/rows/experiment.results?experiment=import-progress-bar&from=" + (NOW - WEEK) + "&to="
            + NOW)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    var rows = io.uxlens.json.Json.MAPPER.readTree(r.body()).path("rows");
    var b = java.util.stream.StreamSupport.stream(rows.spliterator(), false)
        .filter(x -> x.path("variant").asText().equals("B")).findFirst().orElseThrow();
    System.out.printf("experiment import-progress-bar: B %s %.3f, relative lift %.3f [%.3f, %.3f], p %.4f%n",
        b.path("metric").asText(), b.path("rate").asDouble(), b.path("relative_lift").asDouble(),
        b.path("relative_ci_low").asDouble(), b.path("relative_ci_high").asDouble(), b.path("p_value").asDouble());
    assertThat(b.path("metric").asText()).isEqualTo("abandonment_rate");
    assertThat(b.path("journey").asText()).isEqualTo("inventory-import");
    assertThat(b.path("relative_lift").asDouble()).isBetween(-0.5, -0.15);
    assertThat(b.path("direction").asText()).isEqualTo("better");
  }

  @Test
  void slowImportsCompleteFarLessAndCarryRowRejectedErrors() {
    List<LatencyBuckets.Band> bands = server.journeys().correlations().completionByLatency("inventory-import",
        NOW - WEEK, NOW, Map.of(), Optional.empty());
    bands.forEach(b -> System.out.printf("latency %s..%s ms: %d attempts, completion %.3f%n", b.fromMs(), b.toMs(),
        b.attempts(), b.completionRate()));
    assertThat(bands.get(bands.size() - 1).completionRate()).isLessThan(bands.get(0).completionRate() - 0.2);
    KpiBucket all = server.journeys().kpis().summary("inventory-import", NOW - WEEK, NOW, Optional.empty(),
        Map.of()).get(0);
    assertThat(all.errorRate()).isGreaterThan(0.05);
  }

  static com.fasterxml.jackson.databind.JsonNode rows(String metricAndOptions) throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(demo.baseUri()
        .resolve("/api/v1/rows/" + metricAndOptions + "&from=" + (NOW - WEEK) + "&to=" + NOW)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return io.uxlens.json.Json.MAPPER.readTree(r.body()).path("rows");
  }

  @Test
  void importsAreLostWaitingForDoneWhileTheProcessingRequestRunsLong() throws Exception {
    var top = rows("correlation.bottlenecks?journey=inventory-import").get(0);
    System.out.printf("import bottleneck: %s, %d lost (%d waiting), lost to slowness %.1f, to errors %.1f; %s %s"
            + " p95 %.0f ms lost vs %.0f ms completed%n", top.path("step").asText(), top.path("lost").asLong(),
        top.path("lost_waiting").asLong(), top.path("lost_to_slowness").asDouble(),
        top.path("lost_to_errors").asDouble(), top.path("service").asText(), top.path("operation").asText(),
        top.path("operation_p95_lost_ms").asDouble(), top.path("operation_p95_completed_ms").asDouble());
    assertThat(top.path("step").asText()).isEqualTo("done");
    assertThat(top.path("operation").asText()).isEqualTo("POST /api/imports/{id}/process");
    assertThat(top.path("service").asText()).isEqualTo(ImportScript.API);
    assertThat(top.path("operation_p95_lost_ms").asDouble())
        .isGreaterThan(2 * top.path("operation_p95_completed_ms").asDouble());
    assertThat(top.path("slowness_share").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void slowImportIsAmongTheTopThreePainPoints() throws Exception {
    var top = rows("feedback.pain_points?top=3&sprint_days=7&sprint_anchor=" + Instant.ofEpochMilli(NOW - WEEK));
    List<String> themes = new java.util.ArrayList<>();
    top.forEach(p -> themes.add(p.path("theme").asText()));
    System.out.println("top pain points: " + themes);
    assertThat(themes).contains("slow import");
  }

  @Test
  void theCheckoutDeployHourSpikesErrors() {
    DemoTimeline tl = new DemoGenerator(42, 1).timeline(NOW, 7);
    KpiBucket incident = server.journeys().kpis().summary("checkout", tl.deployAt(), tl.incidentEnd(),
        Optional.empty(), Map.of()).get(0);
    KpiBucket week = server.journeys().kpis().summary("checkout", NOW - WEEK, NOW, Optional.empty(), Map.of()).get(0);
    System.out.printf("checkout error rate: deploy hour %.3f (%d finished), week %.3f%n", incident.errorRate(),
        incident.finished(), week.errorRate());
    assertThat(incident.errorRate()).isGreaterThan(2 * week.errorRate());
  }

  @Test
  void appVersion240BreaksOnboardingEmailVerification() {
    Map<String, KpiBucket> v = by("onboarding", "app_version");
    System.out.printf("onboarding error rate: 2.4.0 %.3f, 2.4.1 %.3f%n", v.get("2.4.0").errorRate(),
        v.get("2.4.1").errorRate());
    assertThat(v.get("2.4.0").errorRate()).isGreaterThan(3 * v.get("2.4.1").errorRate());
    assertThat(v.keySet()).contains("2.3.9", "2.4.0", "2.4.1");
  }
}
