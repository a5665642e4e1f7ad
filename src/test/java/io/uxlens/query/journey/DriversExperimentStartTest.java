package io.uxlens.query.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment declared in {@code --experiments} (not a stored annotation) starts two minutes before one country's
 * completion breaks: What changed names the experiment's start beside the driver. Over real HTTP.
 */
class DriversExperimentStartTest {
  static final long T0 = Instant.parse("2026-06-01T08:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final String[] COUNTRIES = {"US", "DE", "BR", "FR"};
  static final int PER_HOUR = 600;

  @TempDir static Path dir;
  static TestServer server;

  static String track(String user, String event, long ts, String country) {
    return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"messageId\":\"" + user
        + "-" + event.replace(' ', '-') + "\",\"timestamp\":\"" + Instant.ofEpochMilli(ts) + "\",\"properties\":"
        + "{\"country\":\"" + country + "\"}}";
  }

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
          - id: new-form
            journey: signup
            metric: completion_rate
            control: A
            variants: [{id: A}, {id: B}]
            start: %s
        """.formatted(Instant.ofEpochMilli(T0 + HOUR - 120_000)));
    server = TestServer.start(dir, c -> c.withJourneys(journeys).withExperiments(experiments));
    List<String> events = new ArrayList<>();
    for (int k = 0; k < 2 * PER_HOUR; k++) {
      long t = T0 + k * (HOUR / PER_HOUR);
      String country = COUNTRIES[k % COUNTRIES.length];
      boolean broken = k >= PER_HOUR && country.equals("BR");
      events.add(track("u-" + k, "Signup Started", t, country));
      if ((k * 7) % 10 < (broken ? 3 : 8)) {
        events.add(track("u-" + k, "Signup Completed", t + 20_000, country));
      }
    }
    events.add(track("closer", "Page Viewed", T0 + 3 * HOUR, "US")); // ends the open attempts
    for (int from = 0; from < events.size(); from += 500) {
      String batch = "{\"batch\":[" + String.join(",", events.subList(from, Math.min(events.size(), from + 500)))
          + "]}";
      assertThat(server.postJson("/v1/batch", batch).status()).isEqualTo(200);
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    long finished = 0;
    while (System.nanoTime() < deadline && finished < 2 * PER_HOUR) {
      TestServer.Response r = server.get("/api/v1/rows/journey.completion_rate?from=" + T0 + "&to=" + (T0 + 2 * HOUR
          - 1) + "&interval=1d&journey=signup");
      finished = 0;
      for (JsonNode row : r.json().path("rows")) {
        finished += row.path("finished").asLong();
      }
      Thread.sleep(100);
    }
    assertThat(finished).isEqualTo(2 * PER_HOUR);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDriverNamesTheDeclaredExperimentStartBeforeIt() throws Exception {
    TestServer.Response r = server.get("/api/v1/rows/journey.drivers?from=" + (T0 + HOUR) + "&to=" + (T0 + 2 * HOUR)
        + "&journey=signup&top=5");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode top = r.json().get("rows").get(0);
    assertThat(top.get("dimension").asText() + "=" + top.get("segment").asText()).isEqualTo("country=BR");
    assertThat(top.get("annotation").asText()).isEqualTo("Experiment started: new-form");
    assertThat(top.get("minutes_after").asDouble()).isBetween(0.0, 10.0);
    assertThat(top.get("summary").asText()).contains("after Experiment started: new-form");
    // control: with an alignment window shorter than the two minutes between start and change, none is named
    TestServer.Response tight = server.get("/api/v1/rows/journey.drivers?from=" + (T0 + HOUR) + "&to="
        + (T0 + 2 * HOUR) + "&journey=signup&top=5&align_window=1m");
    assertThat(tight.status()).as(tight.text()).isEqualTo(200);
    JsonNode first = tight.json().get("rows").get(0);
    assertThat(first.get("segment").asText()).isEqualTo("BR");
    assertThat(first.get("annotation").asText()).isEmpty();
  }
}
