package io.uxlens.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planted journeys (inventory-import: start, upload, mapping, done; abandon_after 30m) with the arithmetic below. */
class BottlenecksTest {
  private static final JourneyDefinition J = JourneyDefinitions.loadDefault().byId("inventory-import").orElseThrow();
  private static final String API = "import-api";
  private static final String PROCESS = "POST /api/imports/{id}/process";
  private static final String VALIDATE = "POST /api/imports/{id}/validate";
  private static final long S = 1000;

  private final List<Attempt> attempts = new ArrayList<>();
  private final Map<String, List<Span>> spans = new HashMap<>();

  @Test
  void theSlowLastStepRanksFirstWithTheProcessingRequestAsItsCause() {
    // 60 fast completers (done 12 s after mapping; 3 of them had an error at upload), 3 slow completers (90 s),
    // 30 lost waiting for done (processing runs 94 s, then nothing), 5 lost at mapping after an error at upload,
    // 5 lost at mapping without one (no wait). Noise: a 30 ms GET in every window, the processing's INSERT (0.7x
    // its time) on both sides, one attempt still in progress.
    for (int k = 0; k < 60; k++) {
      importAttempt(3, 20, 12, k < 3, 12);
    }
    for (int k = 0; k < 3; k++) {
      importAttempt(3, 20, 90, false, 90);
    }
    for (int k = 0; k < 30; k++) {
      importAttempt(2, 20, 0, false, 94);
    }
    for (int k = 0; k < 10; k++) {
      importAttempt(1, 0, 0, k < 5, 0);
    }
    inProgress();

    List<Bottlenecks.Step> steps = Bottlenecks.rank(J, attempts, spans);
    assertThat(steps).extracting(Bottlenecks.Step::stepId).containsExactly("done", "mapping", "upload");

    // done: faced 60 + 3 + 30 = 93; reached waits 60 x 12 s, 3 x 90 s -> p75 = rank floor(0.75 x 62) = 46 -> 12 s.
    // Slow: 3 reached + 30 lost (censored at the processing's end, 94 s) = 33 with 30 lost; the other 60 lost 0.
    // lost to slowness = 30 - 33 x 0 = 30; no errors at mapping -> 0; score 30, slowness share 1.
    Bottlenecks.Step done = steps.get(0);
    assertThat(done.faced()).isEqualTo(93);
    assertThat(done.lost()).isEqualTo(30);
    assertThat(done.lostWaiting()).isEqualTo(30);
    assertThat(done.slowThresholdSeconds()).isEqualTo(12.0);
    assertThat(done.troubled()).isEqualTo(33);
    assertThat(done.lostToSlowness()).isEqualTo(30.0);
    assertThat(done.score()).isEqualTo(30.0);
    assertThat(done.slownessShare()).isEqualTo(1.0);
    // Cause: processing p95 94 s lost vs 12 s reached (rank floor(0.95 x 62) = 58 -> 12 s): (94 - 12) / 94 = 0.87;
    // its INSERT (65.8 vs 8.4 s) only 0.61 of the slowest; the GET 0.
    BackendCause.Operation cause = done.cause();
    assertThat(cause.name()).isEqualTo(PROCESS);
    assertThat(cause.service()).isEqualTo(API);
    assertThat(cause.p95LostMs()).isCloseTo(94_000, withPercentage(1));
    assertThat(cause.p95ReachedMs()).isCloseTo(12_000, withPercentage(1));
    assertThat(cause.difference()).isCloseTo(82.0 / 94, within(0.02));

    // mapping: faced 103, reached 93 (waits 20 s, p75 20); errored at upload 8 (3 reached + 5 lost), others 95 with
    // 5 lost (waited 0: not slow). Lost to errors = 5 - 8 x 5/95 = 4.578947; slowness 0.
    Bottlenecks.Step mapping = steps.get(1);
    assertThat(mapping.faced()).isEqualTo(103);
    assertThat(mapping.lost()).isEqualTo(10);
    assertThat(mapping.lostAfterError()).isEqualTo(5);
    assertThat(mapping.lostToErrors()).isCloseTo(5 - 8 * 5.0 / 95, within(1e-9));
    assertThat(mapping.lostToSlowness()).isZero();
    assertThat(mapping.errorShare()).isCloseTo((5 - 8 * 5.0 / 95) / 10, within(1e-9));
    assertThat(steps.get(2).score()).isZero();
  }

  @Test
  void errorsAtAMiddleStepLoseMostAndTheFailingRequestIsNamed() {
    // 40 attempts with an error at upload: 30 lost at mapping, 10 complete; 60 without: 6 lost at mapping (left at
    // once), 54 complete. mapping: lost to errors = 30 - 40 x 6/60 = 26; slowness 0 (lost waits 0 < p75 20 s).
    // Validate fails (HTTP 500) in the errored attempts: error rate lost 30/36 vs reached 10/64, difference 0.68.
    for (int k = 0; k < 40; k++) {
      importAttempt(k < 30 ? 1 : 3, 20, 12, true, 12);
    }
    for (int k = 0; k < 60; k++) {
      importAttempt(k < 6 ? 1 : 3, 20, 12, false, 12);
    }
    List<Bottlenecks.Step> steps = Bottlenecks.rank(J, attempts, spans);
    Bottlenecks.Step mapping = steps.get(0);
    assertThat(mapping.stepId()).isEqualTo("mapping");
    assertThat(mapping.lostToErrors()).isCloseTo(26, within(1e-9));
    assertThat(mapping.errorShare()).isCloseTo(26.0 / 36, within(1e-9));
    assertThat(mapping.lostToSlowness()).isZero();
    assertThat(mapping.cause().name()).isEqualTo(VALIDATE);
    assertThat(mapping.cause().errorRateLost()).isCloseTo(30.0 / 36, within(1e-9));
    assertThat(mapping.cause().errorRateReached()).isCloseTo(10.0 / 64, within(1e-9));
    assertThat(steps.get(1).score()).isZero();
    assertThat(steps.get(2).score()).isZero();
  }

  @Test
  void aHealthyJourneyHasNoStepThatExplainsItsLoss() {
    // 400 attempts; every 10th leaves at each step after a wait drawn from the same spread as those who stay
    // (5..24 s, a span shows it waiting). Leaving has nothing to do with waits or errors: ~10% leave on either side
    // of the p75, so what slowness explains is close to 0 at every step (planted loss: 40 at each step).
    for (int k = 0; k < 400; k++) {
      long w = 5 + (k / 10 * 7L) % 20;
      int last = k % 10 == 0 ? 0 : k % 10 == 1 ? 1 : k % 10 == 2 ? 2 : 3;
      healthyAttempt(k, last, w);
    }
    List<Bottlenecks.Step> steps = Bottlenecks.rank(J, attempts, spans);
    for (Bottlenecks.Step s : steps) {
      assertThat(s.lost()).isGreaterThan(30);
      assertThat(s.score()).as(s.stepId()).isLessThan(0.1 * s.lost());
    }
    // the control: the same journey where the leavers waited 60 s instead counts them all as lost to slowness
    attempts.clear();
    spans.clear();
    for (int k = 0; k < 400; k++) {
      long w = 5 + (k / 10 * 7L) % 20;
      int last = k % 10 == 0 ? 0 : k % 10 == 1 ? 1 : k % 10 == 2 ? 2 : 3;
      healthyAttempt(k, last, last < 3 ? 60 : w);
    }
    assertThat(Bottlenecks.rank(J, attempts, spans)).allSatisfy(s -> assertThat(s.slownessShare()).isEqualTo(1.0));
  }

  /**
   * An import reaching step {@code last} (1 upload, 2 mapping, 3 done): upload 10 s after start, mapping
   * {@code mapS} later, done {@code doneS} after mapping; processing (with its INSERT) runs {@code processS} from
   * the mapping when reached; {@code errorAtUpload}: a rejected row at upload, and validate answers 500.
   */
  private void importAttempt(int last, long mapS, long doneS, boolean errorAtUpload, long processS) {
    int n = attempts.size();
    String session = "s" + n;
    long t0 = n * 3_600 * S;
    List<Long> times = new ArrayList<>(List.of(t0, t0 + 10 * S));
    times.add(times.get(1) + mapS * S);
    times.add(times.get(2) + doneS * S);
    List<Long> reached = times.subList(0, last + 1);
    List<Span> ss = new ArrayList<>();
    ss.add(span(session, API, VALIDATE, times.get(1), 200, errorAtUpload ? 500 : 200));
    ss.add(span(session, API, "GET /api/imports/{id}", times.get(1) + 1, 30, 200));
    if (last >= 2) {
      ss.add(span(session, API, "GET /api/imports/{id}", times.get(2), 30, 200));
      ss.add(span(session, API, PROCESS, times.get(2), processS * S, 200));
      ss.add(span(session, "sqlite", "INSERT inventory_items", times.get(2) + 1, processS * S * 0.7, 200));
    }
    spans.put(session, ss);
    boolean completed = last == 3;
    attempts.add(new Attempt("a" + n, J.id(), session, session, null, t0, reached.get(last), reached.get(last), null,
        completed ? Outcome.COMPLETED : Outcome.ABANDONED, last, J.step(last).id(), reached,
        errorAtUpload ? 1 : 0, errorAtUpload ? List.of("upload") : List.of(), Map.of(), null));
  }

  /** Waits {@code w} s at every step; the attempt leaves after step {@code last} with a span of {@code w} s. */
  private void healthyAttempt(int k, int last, long w) {
    String session = "h" + k;
    long t0 = k * 3_600 * S;
    List<Long> times = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      times.add(t0 + i * w * S);
    }
    if (last < 3) {
      spans.put(session, List.of(span(session, API, "GET /api/status", times.get(last), w * S, 200)));
    }
    attempts.add(new Attempt("h" + k, J.id(), session, session, null, t0, times.get(last), times.get(last), null,
        last == 3 ? Outcome.COMPLETED : Outcome.ABANDONED, last, J.step(last).id(), times, 0, List.of(), Map.of(),
        null));
  }

  private void inProgress() {
    attempts.add(new Attempt("open", J.id(), "open", "open", null, 0, null, 5 * S, 5 * S + 1_800 * S,
        Outcome.IN_PROGRESS, 0, "start", List.of(0L), 0, List.of(), Map.of(), null));
  }

  private static Span span(String session, String service, String name, long start, double ms, int http) {
    return new Span("t-" + session, session + "-" + name + "-" + start, null, session, service, name, "server",
        start, ms, http >= 500 ? "error" : "ok", http, null, null);
  }
}
