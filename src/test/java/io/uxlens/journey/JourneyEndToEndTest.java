package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment batches posted to a real server show up as attempts and KPIs within 5 s, with no explicit run. */
class JourneyEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void postedEventsBecomeAttemptsWithinFiveSeconds() throws Exception {
    long t0 = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();
    try (TestServer server = TestServer.start(dir)) {
      String first = batch("""
          {"type":"track","userId":"u1","messageId":"m1","event":"Import Started",
           "properties":{"session_id":"s1","rows":12000},"timestamp":"2026-05-01T10:00:00Z"},
          {"type":"track","userId":"u1","messageId":"m2","event":"File Uploaded",
           "properties":{"session_id":"s1"},"timestamp":"2026-05-01T10:01:00Z"}""");
      assertThat(server.postJson("/v1/batch", first).status()).isEqualTo(200);
      JourneyKpis kpis = server.server().journeys().kpis();
      Attempt started = awaitAttempt(kpis, t0, a -> a.lastStepIndex() == 1);
      assertThat(started.outcome()).isEqualTo(Outcome.IN_PROGRESS);
      assertThat(started.context()).containsEntry("app_version", "2.4.1");

      String rest = batch("""
          {"type":"track","userId":"u1","messageId":"m3","event":"Columns Mapped",
           "properties":{"session_id":"s1"},"timestamp":"2026-05-01T10:02:00Z"},
          {"type":"track","userId":"u1","messageId":"m4","event":"Import Completed",
           "properties":{"session_id":"s1"},"timestamp":"2026-05-01T10:04:30Z"}""");
      assertThat(server.postJson("/v1/batch", rest).status()).isEqualTo(200);
      Attempt done = awaitAttempt(kpis, t0, a -> a.outcome() == Outcome.COMPLETED);
      assertThat(done.timeOnTaskSeconds()).isEqualTo(270.0); // 10:04:30 - 10:00:00
      KpiBucket hour = kpis.series("inventory-import", t0, t0 + 3_600_000, 3_600_000, Optional.empty(), Map.of())
          .buckets().get(0);
      assertThat(hour.completionRate()).isEqualTo(1.0);
    }
  }

  @Test
  void theServerUsesTheJourneysFileItIsGiven() throws Exception {
    Path file = dir.resolve("mine.yml");
    Files.writeString(file, """
        journeys:
          - id: search
            steps: [{id: query, event: Searched}, {id: open, event: Result Opened}]
            abandon_after: 5m
        """);
    try (TestServer server = TestServer.start(dir, c -> c.withJourneys(file))) {
      assertThat(server.server().journeys().definitions().all()).extracting(JourneyDefinition::id)
          .containsExactly("search");
    }
  }

  private static String batch(String items) {
    return "{\"batch\":[" + items + "],\"context\":{\"app\":{\"version\":\"2.4.1\"}}}";
  }

  private static Attempt awaitAttempt(JourneyKpis kpis, long t0, java.util.function.Predicate<Attempt> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<Attempt> attempts = kpis.attempts("inventory-import", t0, t0 + 3_600_000, Map.of());
      if (attempts.size() == 1 && wanted.test(attempts.get(0))) {
        return attempts.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching attempt within 5 s: " + kpis.attempts("inventory-import", t0,
        t0 + 3_600_000, Map.of()));
  }
}
