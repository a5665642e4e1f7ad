package io.uxlens.journey;

import static io.uxlens.journey.JourneyFixture.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental sessionizer on a real SQLite store, fed through the real writer. */
class SessionizerTest {
  @TempDir
  Path dir;

  @Test
  void lateEventsAfterAbandonmentWasDecidedGiveTheInOrderAttempts() {
    List<Event> early = List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 60, null),
        track("3", "s2", "Cart Viewed", 2400, null)); // newest event: 40 min, past s1's deadline 60 + 1800 s
    List<Event> late = List.of(track("4", "s1", "Columns Mapped", 600, null),
        track("5", "s1", "Import Completed", 720, null));
    try (JourneyFixture live = new JourneyFixture(dir, "live"); JourneyFixture replay = new JourneyFixture(dir, "all")) {
      live.insert(early);
      live.run();
      Attempt decided = live.attempts.attemptsOfSession("s1").get(0);
      assertThat(decided.outcome()).isEqualTo(Outcome.ABANDONED);
      assertThat(decided.end()).isEqualTo(JourneyFixture.T0 + 60_000);

      live.insert(late);
      live.run();
      Attempt revised = live.attempts.attemptsOfSession("s1").get(0);
      assertThat(revised.outcome()).isEqualTo(Outcome.COMPLETED);
      assertThat(revised.timeOnTaskSeconds()).isEqualTo(720.0); // 720 s - 0 s
      assertThat(live.attempts.attemptsOfSession("s1")).hasSize(1);

      List<Event> all = new ArrayList<>(early);
      all.addAll(late);
      replay.insert(all);
      replay.run();
      assertThat(live.allAttempts()).isEqualTo(replay.allAttempts());
      // and the rollups agree too: 1 attempt, completed, in the 10:00 hour
      KpiBucket b = live.kpis.summary("inventory-import", JourneyFixture.T0, JourneyFixture.T0 + 3_600_000,
          Optional.empty(), Map.of()).get(0);
      assertThat(b.attempts()).isEqualTo(1);
      assertThat(b.completed()).isEqualTo(1);
      assertThat(b.abandoned()).isZero();
    }
  }

  @Test
  void shuffledArrivalWithRunsInBetweenGivesTheSameAttemptsAndKpis() {
    List<Event> events = syntheticSessions(new Random(7), 30);
    try (JourneyFixture ordered = new JourneyFixture(dir, "ordered")) {
      ordered.insert(events);
      ordered.run();
      List<Attempt> expected = ordered.allAttempts();
      assertThat(expected).hasSizeGreaterThan(30);
      List<KpiBucket> expectedKpis = hourly(ordered);
      for (int seed = 1; seed <= 3; seed++) {
        Random random = new Random(seed);
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        try (JourneyFixture f = new JourneyFixture(dir, "shuffled" + seed)) {
          for (int i = 0; i < shuffled.size(); ) {
            int n = 1 + random.nextInt(40);
            f.insert(shuffled.subList(i, Math.min(shuffled.size(), i + n)));
            f.run();
            i += n;
          }
          assertThat(f.allAttempts()).isEqualTo(expected);
          assertThat(hourly(f)).usingRecursiveComparison().isEqualTo(expectedKpis);
          // rollups maintained through all those partial runs equal a fresh aggregation of the attempts
          for (long bucket : new long[] {3_600_000L, 600_000L}) {
            assertThat(f.kpis.series("checkout", JourneyFixture.T0, JourneyFixture.T0 + 6 * 3_600_000L, bucket,
                    Optional.of("country"), Map.of()))
                .usingRecursiveComparison()
                .isEqualTo(f.kpis.seriesFromAttempts("checkout", JourneyFixture.T0,
                    JourneyFixture.T0 + 6 * 3_600_000L, bucket, Optional.of("country"), Map.of()));
          }
        }
      }
    }
  }

  @Test
  void reRunningChangesNothing() {
    try (JourneyFixture f = new JourneyFixture(dir, "rerun")) {
      f.insert(syntheticSessions(new Random(3), 10));
      Sessionizer.RunStats first = f.run();
      assertThat(first.sessions()).isEqualTo(10);
      List<Attempt> before = f.allAttempts();
      List<KpiBucket> kpis = hourly(f);
      Sessionizer.RunStats again = f.run();
      assertThat(again.idle()).isTrue();
      assertThat(f.allAttempts()).isEqualTo(before);
      assertThat(hourly(f)).usingRecursiveComparison().isEqualTo(kpis);
    }
  }

  @Test
  void eventsWithoutASessionAreSessionizedByUser() {
    try (JourneyFixture f = new JourneyFixture(dir, "user")) {
      f.insert(List.of(
          new Event("1", "segment", "track", "Import Started", JourneyFixture.T0, JourneyFixture.T0, "u9", null, null,
              "{}", "{\"app\":{\"version\":\"2.4.1\"},\"location\":{\"country\":\"FR\"}}"),
          new Event("2", "segment", "track", "Import Completed", JourneyFixture.T0 + 5_000, JourneyFixture.T0, null,
              "anon", null, "{}", "{}"), // another person: not part of u9's attempt
          new Event("3", "segment", "track", "File Uploaded", JourneyFixture.T0 + 10_000, JourneyFixture.T0, "u9",
              null, null, "{}", "{}")));
      f.run();
      List<Attempt> a = f.attempts.attemptsOfSession("user:u9");
      assertThat(a).hasSize(1);
      assertThat(a.get(0).userId()).isEqualTo("u9");
      assertThat(a.get(0).sessionId()).isNull();
      assertThat(a.get(0).lastStepId()).isEqualTo("upload");
      assertThat(a.get(0).context()).containsEntry("app_version", "2.4.1").containsEntry("country", "FR");
    }
  }

  @Test
  void performanceWithinTheAttemptWindowIncludingTelemetryThatArrivesLater() {
    try (JourneyFixture f = new JourneyFixture(dir, "perf")) {
      f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 60, null),
          track("3", "s1", "Columns Mapped", 120, null), track("4", "s1", "Import Completed", 300, null)));
      f.span("a", "s1", 10, 120.0, 200, null);
      f.span("b", "s1", 70, 800.0, 503, null);
      f.span("c", "s1", 71, 50.0, null, "postgresql");
      f.span("d", "s1", 400, 9999.0, 500, null); // after the attempt ended at 300 s: not counted
      f.span("e", "s2", 20, 5000.0, 500, null); // another session
      f.measurement("m1", "s1", "lcp", 5, 2400);
      f.measurement("m2", "s1", "lcp", 65, 3100);
      f.measurement("m3", "s1", "render_ms", 66, 40);
      f.measurement("m4", "s1", "render_ms", 130, 60);
      f.measurement("m5", "s1", "cls", 130, 0.12);
      f.run();
      Performance p = f.attempts.attemptsOfSession("s1").get(0).performance();
      assertThat(p.spanCount()).isEqualTo(3);
      assertThat(p.spanTotalMs()).isEqualTo(970.0); // 120 + 800 + 50
      assertThat(p.spanMaxMs()).isEqualTo(800.0);
      assertThat(p.dbTimeMs()).isEqualTo(50.0);
      assertThat(p.http5xx()).isEqualTo(1);
      assertThat(p.spanErrors()).isEqualTo(1);
      assertThat(p.meanLatencyMs()).isCloseTo(323.333, org.assertj.core.data.Offset.offset(0.001)); // 970 / 3
      assertThat(p.lcpMs()).isEqualTo(3100.0); // worst of 2400, 3100
      assertThat(p.renderMs()).isEqualTo(50.0); // mean of 40, 60
      assertThat(p.cls()).isEqualTo(0.12);
      assertThat(p.inpMs()).isNull();
      assertThat(p.memoryMb()).isNull();

      f.span("f", "s1", 200, 30.0, null, "postgresql"); // a late span inside the window
      f.measurement("m6", "s1", "memory_mb", 250, 310);
      f.run();
      Performance later = f.attempts.attemptsOfSession("s1").get(0).performance();
      assertThat(later.spanCount()).isEqualTo(4);
      assertThat(later.dbTimeMs()).isEqualTo(80.0); // 50 + 30
      assertThat(later.memoryMb()).isEqualTo(310.0);
    }
  }

  @Test
  void listenersSeeEachRecomputedSessionBeforeAndAfter() {
    try (JourneyFixture f = new JourneyFixture(dir, "listen")) {
      List<Map<String, Attempt>> befores = new ArrayList<>();
      List<List<Attempt>> afters = new ArrayList<>();
      f.sessionizer.addListener((before, after) -> {
        befores.add(before);
        afters.add(after);
      });
      f.insert(List.of(track("1", "s1", "Import Started", 0, null), track("2", "s1", "File Uploaded", 60, null)));
      f.run();
      assertThat(befores).containsExactly(Map.of());
      Attempt first = afters.get(0).get(0);
      assertThat(first.outcome()).isEqualTo(Outcome.IN_PROGRESS);

      f.insert(List.of(track("3", "s1", "Columns Mapped", 120, null), track("4", "s1", "Import Completed", 180, null)));
      f.run();
      assertThat(befores.get(1)).containsOnlyKeys(first.id());
      assertThat(befores.get(1).get(first.id()).lastStepIndex()).isEqualTo(1);
      assertThat(afters.get(1)).singleElement().satisfies(a -> {
        assertThat(a.id()).isEqualTo(first.id()); // same start event, same attempt
        assertThat(a.outcome()).isEqualTo(Outcome.COMPLETED);
      });
      f.run(); // nothing new: no call
      assertThat(afters).hasSize(2);
    }
  }

  private static List<KpiBucket> hourly(JourneyFixture f) {
    List<KpiBucket> all = new ArrayList<>();
    for (String j : List.of("inventory-import", "checkout")) {
      all.addAll(f.kpis.series(j, JourneyFixture.T0, JourneyFixture.T0 + 6 * 3_600_000L, 3_600_000L,
          Optional.of("country"), Map.of()).buckets());
    }
    return all;
  }

  /** Random sessions mixing both journeys, errors, repeats, gaps and reordering. */
  static List<Event> syntheticSessions(Random r, int sessions) {
    String[] imp = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed", "Import Failed"};
    String[] buy = {"Cart Viewed", "Checkout Started", "Payment Info Entered", "Order Completed", "Payment Declined"};
    List<Event> out = new ArrayList<>();
    int id = 0;
    for (int s = 0; s < sessions; s++) {
      String session = "s" + s;
      String context = "{\"location\":{\"country\":\"" + (s % 3 == 0 ? "NL" : "DE") + "\"}}";
      long t = r.nextInt(4 * 3600);
      int n = 3 + r.nextInt(12);
      for (int i = 0; i < n; i++) {
        String[] names = r.nextBoolean() ? imp : buy;
        String name = r.nextInt(4) == 0 ? names[0] : names[r.nextInt(names.length)];
        t += r.nextInt(10) == 0 ? 2400 : r.nextInt(300);
        out.add(track("e" + (id++), session, name, t, context));
      }
    }
    return out;
  }
}
