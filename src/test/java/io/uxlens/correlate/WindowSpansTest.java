package io.uxlens.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Outcome;
import io.uxlens.model.Span;
import io.uxlens.testing.SessionizedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts keep the spans of their own window (V23), and the bottleneck tables' backend causes come from them
 * instead of a look-up of every sampled session in the spans table. On {@link RollupCorrelationTest}'s noisy
 * traffic: the kept spans are exactly the session's spans in the window; a recompute that read the same spans writes
 * nothing; changing the spans table does not move the causes while attempts hold their spans, and does once they
 * are cleared (as a store from before V23 has them) and again once the sessionizer has filled them back.
 */
class WindowSpansTest {
  static final String J = RollupCorrelationTest.J;
  static final long FROM = RollupCorrelationTest.T0;
  static final long TO = RollupCorrelationTest.T0 + 3 * 86_400_000L;

  @TempDir
  Path dir;

  @Test
  void causesComeFromTheSpansAttemptsKeep() {
    List<Event> events = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    RollupCorrelationTest.generate(new Random(7), events, spans);
    try (SessionizedStore s = SessionizedStore.load(dir, "window-spans", events, spans)) {
      JourneyDefinition journey = s.journeys().byId(J).orElseThrow();
      long abandonAfter = journey.abandonAfter().toMillis();

      // the kept spans: the session's spans starting in the window, timings only
      List<Attempt> lost = s.kpis().newestLostAt(J, FROM, TO, 2, 250);
      List<Attempt> reached = s.kpis().newestReachingEachStep(J, FROM, TO, 250).get(2);
      assertThat(lost).hasSize(250);
      assertThat(reached).hasSize(250);
      Map<String, List<Span>> bySession = s.telemetry().spanTimings(
          java.util.stream.Stream.concat(lost.stream(), reached.stream()).map(Attempt::sessionId).toList());
      int kept = 0;
      for (Attempt a : concat(lost, reached)) {
        long until = a.outcome() == Outcome.ABANDONED ? a.end() + abandonAfter : a.end() + 1;
        List<Span> expected = bySession.getOrDefault(a.sessionId(), List.of()).stream()
            .filter(x -> x.start() >= a.start() && x.start() < until).sorted(ORDER).toList();
        assertThat(a.windowSpans()).as(a.id()).isNotNull();
        assertThat(a.windowSpans().stream().sorted(ORDER).toList()).as(a.id()).isEqualTo(expected);
        kept += expected.size();
      }
      assertThat(kept).isGreaterThan(1_000);

      List<BackendCause.Operation> stored = causes(s, journey);
      assertThat(stored.get(2)).isNotNull();
      assertThat(stored.get(2).name()).isEqualTo("GET /columns/preview");

      // a recompute from the same events and spans builds equal attempts: nothing is rewritten
      assertThat(recomputeAll(s)).isZero();

      // while attempts hold their spans, the spans table is not read for the causes
      s.store().jdbi().useHandle(h -> h.execute("UPDATE spans SET duration_ms = duration_ms * 100"));
      assertThat(causes(s, journey)).isEqualTo(stored);

      // control: without them (a store from before V23) the spans table answers, and shows the change
      s.store().jdbi().useHandle(h -> h.execute("UPDATE journey_attempts SET window_spans = NULL"));
      List<BackendCause.Operation> fromTable = causes(s, journey);
      assertScaled(fromTable, stored);

      // what V23 does: the sessionizer recomputes every session and fills the column from the spans table
      assertThat(recomputeAll(s)).isGreaterThan(1_000);
      long missing = s.store().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM journey_attempts "
          + "WHERE session_id IS NOT NULL AND window_spans IS NULL").mapTo(Long.class).one());
      assertThat(missing).isZero();
      assertThat(causes(s, journey)).isEqualTo(fromTable);
    }
  }

  private static final Comparator<Span> ORDER = Comparator.comparingLong(Span::start).thenComparing(Span::name)
      .thenComparingDouble(Span::durationMs);

  private static List<Attempt> concat(List<Attempt> a, List<Attempt> b) {
    List<Attempt> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Step i's backend cause from the samples, for every step (index 0 is null). */
  private static List<BackendCause.Operation> causes(SessionizedStore s, JourneyDefinition journey) {
    var cause = Correlations.sampledCauses(s.kpis(), s.telemetry(), journey, FROM, TO);
    List<BackendCause.Operation> out = new ArrayList<>();
    for (int i = 0; i < journey.steps().size(); i++) {
      out.add(i == 0 ? null : cause.apply(i));
    }
    return out;
  }

  /** Same operations, their durations 100 times the others' (within DDSketch's 1% on each side). */
  private static void assertScaled(List<BackendCause.Operation> scaled, List<BackendCause.Operation> base) {
    assertThat(scaled).hasSameSizeAs(base);
    for (int i = 1; i < base.size(); i++) {
      BackendCause.Operation b = base.get(i);
      BackendCause.Operation x = scaled.get(i);
      assertThat(x == null).isEqualTo(b == null);
      if (b != null) {
        assertThat(x.name()).isEqualTo(b.name());
        assertThat(x.p95LostMs()).isCloseTo(b.p95LostMs() * 100, within(b.p95LostMs() * 100 * 0.03));
        assertThat(x.errorRateLost()).isEqualTo(b.errorRateLost());
      }
    }
  }

  /** Restarts the sessionizer's event cursor at 0 and runs it: how many attempts it wrote changed. */
  private static int recomputeAll(SessionizedStore s) {
    s.store().jdbi().useHandle(h -> h.execute("UPDATE journey_cursor SET seq = 0 WHERE name = 'events'"));
    Sessionizer sessionizer = new Sessionizer(s.journeys(), s.attempts(), s.telemetry(), s.writer());
    AtomicInteger changed = new AtomicInteger();
    sessionizer.addListener((before, after) -> after.forEach(a -> {
      if (!a.equals(before.get(a.id()))) {
        changed.incrementAndGet();
      }
    }));
    sessionizer.runOnce();
    return changed.get();
  }
}
