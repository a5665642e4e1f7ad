package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "What changed" table finds the demo's stories with its defaults (comparison: the previous window of the same
 * length), over the ranges where they happen: app 2.4.0 behind the onboarding drop after its release, the
 * checkout-api deploy at the start of the checkout error spike, large imports behind the rise in import
 * abandonment.
 */
class DemoDriversTest {
  static final long NOW = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final int DAYS = 7;

  @TempDir
  static Path dir;
  static Demo demo;

  @BeforeAll
  static void load() throws Exception {
    demo = Demo.start(new Demo.Settings(DAYS, 42, 1, false, 1, "127.0.0.1", 0, dir.resolve("drivers.db"), false, 4),
        h -> { }, NOW);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  static JsonNode rows(String options, long from, long to) throws Exception {
    URI uri = demo.baseUri().resolve("/api/v1/rows/journey.drivers?" + options + "&from=" + from + "&to=" + to
        + "&interval=1h");
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode rows = Json.MAPPER.readTree(r.body()).path("rows");
    for (int i = 0; i < Math.min(6, rows.size()); i++) {
      System.out.println(options + " #" + (i + 1) + ": " + rows.get(i).path("summary").asText()
          + " [p_adj " + rows.get(i).path("adjusted_p_value").asText() + ", n " + rows.get(i).path("attempts_before")
          + "/" + rows.get(i).path("attempts_after") + ", start " + rows.get(i).path("change_start").asText() + "]");
    }
    return rows;
  }

  static DemoTimeline timeline() {
    return new DemoGenerator(42, 1).timeline(NOW, DAYS);
  }

  @Test
  void appVersion240DrivesTheOnboardingDropAfterItsRelease() throws Exception {
    long release = timeline().releases().get(1).at();
    long from = Math.floorDiv(release, HOUR) * HOUR;
    JsonNode top = rows("journey=onboarding", from, from + 24 * HOUR).get(0);
    assertThat(top.path("dimension").asText() + " " + top.path("segment").asText()).isEqualTo("app_version 2.4.0");
    assertThat(top.path("kpi").asText()).isEqualTo("completion_rate");
    assertThat(top.path("contribution").asDouble()).isNegative();
    assertThat(top.path("share").asDouble()).isGreaterThan(0.5);
    assertThat(top.path("adjusted_p_value").asDouble()).isLessThan(0.001);
    assertThat(top.path("annotation").asText()).isEqualTo("Release web app 2.4.0");
  }

  @Test
  void theCheckoutDeployStartsTheErrorSpike() throws Exception {
    long deploy = timeline().deployAt();
    long from = Math.floorDiv(deploy, HOUR) * HOUR - 3 * HOUR;
    JsonNode top = rows("journey=checkout&kpi=error_rate", from, from + 6 * HOUR).get(0);
    assertThat(top.path("contribution").asDouble()).isPositive();
    assertThat(top.path("annotation").asText()).isEqualTo("Deploy checkout-api 2.5.0");
    assertThat(top.path("minutes_after").asDouble()).isBetween(-5.0, 30.0);
  }

  @Test
  void theDemoExposesTheOrdersDatabaseGaugeCheckoutsSystemSeriesReads() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(demo.baseUri()
        .resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).containsPattern("(?m)^uxlens_demo_orders_db_cpu_ratio 0\\.\\d+$");
    DemoTimeline tl = timeline();
    assertThat(OrdersDatabaseGauge.value(tl, tl.deployAt() + 60_000)).isGreaterThan(0.8);
    assertThat(OrdersDatabaseGauge.value(tl, tl.deployAt() - HOUR)).isLessThan(0.4);
    // live slowdowns: the last 5 minutes of every 30 after the demo's start
    assertThat(tl.incident(NOW + 27 * 60_000L)).isTrue();
    assertThat(tl.incident(NOW + 10 * 60_000L)).isFalse();
  }

  @Test
  void largeImportsDriveImportAbandonment() throws Exception {
    JsonNode top = rows("journey=inventory-import&kpi=abandonment_rate", NOW - 48 * HOUR, NOW).get(0);
    assertThat(top.path("dimension").asText()).isEqualTo("latency_band");
    assertThat(top.path("segment").asText()).startsWith(">=");
    assertThat(top.path("effect").asText()).isEqualTo("mix");
    assertThat(top.path("contribution").asDouble()).isPositive();
    assertThat(top.path("adjusted_p_value").asDouble()).isLessThan(0.001);
  }
}
