package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Attempt;
import io.uxlens.model.JourneyEvent;
import io.uxlens.model.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attempt rules on hand-made sessions (times in seconds from 0; inventory-import abandons after 30 min). */
class AttemptBuilderTest {
  static final JourneyDefinitions DEFAULT = JourneyDefinitions.loadDefault();
  static final long MIN = 60;

  static JourneyEvent ev(String id, String name, long seconds) {
    return ev(id, name, seconds, Map.of());
  }

  static JourneyEvent ev(String id, String name, long seconds, Map<String, String> props) {
    return new JourneyEvent(id, name, seconds * 1000, "s1", "s1", "u1", props, Map.of("country", "NL"));
  }

  static List<Attempt> build(long newestSeconds, JourneyEvent... events) {
    return AttemptBuilder.build(DEFAULT, List.of(events), newestSeconds * 1000);
  }

  @Test
  void completedAttemptHasTimeOnTaskAndStepTimes() {
    List<Attempt> a = build(300, ev("1", "Import Started", 0), ev("2", "File Uploaded", 60),
        ev("3", "Columns Mapped", 120), ev("4", "Import Completed", 300));
    assertThat(a).hasSize(1);
    Attempt x = a.get(0);
    assertThat(x.journey()).isEqualTo("inventory-import");
    assertThat(x.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(x.start()).isZero();
    assertThat(x.end()).isEqualTo(300_000L);
    assertThat(x.timeOnTaskSeconds()).isEqualTo(300.0); // 300 s - 0 s
    assertThat(x.lastStepIndex()).isEqualTo(3);
    assertThat(x.lastStepId()).isEqualTo("done");
    assertThat(x.stepTimes()).containsExactly(0L, 60_000L, 120_000L, 300_000L);
    assertThat(x.stepLatencySeconds(3)).isEqualTo(180.0); // 300 - 120
    assertThat(x.errorCount()).isZero();
    assertThat(x.context()).containsEntry("country", "NL");
  }

  @Test
  void abandonedOnceNewestEventIsAbandonAfterPastTheLastJourneyEvent() {
    JourneyEvent[] events = {ev("1", "Import Started", 0), ev("2", "File Uploaded", 60)};
    // last journey event at 60 s, abandon_after 30 min: deadline 60 + 1800 = 1860 s
    Attempt waiting = build(1859, events).get(0);
    assertThat(waiting.outcome()).isEqualTo(Outcome.IN_PROGRESS);
    assertThat(waiting.end()).isNull();
    assertThat(waiting.deadline()).isEqualTo(1_860_000L);
    Attempt gone = build(1860, events).get(0);
    assertThat(gone.outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(gone.end()).isEqualTo(60_000L);
    assertThat(gone.lastStepId()).isEqualTo("upload");
    assertThat(gone.timeOnTaskSeconds()).isNull();
  }

  @Test
  void failedThenRecoveredCompletesWithOneErrorAtTheStepReached() {
    Attempt x = build(400, ev("1", "Import Started", 0), ev("2", "File Uploaded", 60),
        ev("3", "Import Failed", 90), ev("4", "File Uploaded", 120), ev("5", "Columns Mapped", 200),
        ev("6", "Import Completed", 400)).get(0);
    assertThat(x.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(x.errorCount()).isEqualTo(1);
    assertThat(x.errorSteps()).containsExactly("upload");
    assertThat(x.stepTimes()).containsExactly(0L, 60_000L, 200_000L, 400_000L); // first upload counts
  }

  @Test
  void repeatedStepsCountOnceAndDoNotStartNewAttempts() {
    List<Attempt> a = build(500, ev("1", "Import Started", 0), ev("2", "Import Started", 30),
        ev("3", "File Uploaded", 60), ev("4", "File Uploaded", 90), ev("5", "Columns Mapped", 100),
        ev("6", "Columns Mapped", 110), ev("7", "Import Completed", 130));
    assertThat(a).hasSize(1);
    assertThat(a.get(0).stepTimes()).containsExactly(0L, 60_000L, 100_000L, 130_000L);
    assertThat(a.get(0).timeOnTaskSeconds()).isEqualTo(130.0);
  }

  @Test
  void twoAttemptsInOneSession() {
    // A: 0..300 s completed; B starts at 600 s, last event 660 s, newest 660 + 1800 = 2460 s -> abandoned
    List<Attempt> a = build(2460, ev("1", "Import Started", 0), ev("2", "File Uploaded", 60),
        ev("3", "Columns Mapped", 120), ev("4", "Import Completed", 300), ev("5", "Import Started", 600),
        ev("6", "File Uploaded", 660));
    assertThat(a).extracting(Attempt::outcome).containsExactly(Outcome.COMPLETED, Outcome.ABANDONED);
    assertThat(a).extracting(Attempt::start).containsExactly(0L, 600_000L);
    assertThat(a.get(1).end()).isEqualTo(660_000L);
    assertThat(a.get(0).id()).isNotEqualTo(a.get(1).id());
  }

  @Test
  void stepsOutOfOrderAreIgnoredUntilTheirTurn() {
    // mapping at 60 s comes before upload: ignored; done at 180 s before mapping: ignored; then mapping 240, done 300
    Attempt x = build(300, ev("1", "Import Started", 0), ev("2", "Columns Mapped", 60),
        ev("3", "File Uploaded", 120), ev("4", "Import Completed", 180), ev("5", "Columns Mapped", 240),
        ev("6", "Import Completed", 300)).get(0);
    assertThat(x.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(x.stepTimes()).containsExactly(0L, 120_000L, 240_000L, 300_000L);
    assertThat(x.timeOnTaskSeconds()).isEqualTo(300.0);
  }

  @Test
  void aGapOfAbandonAfterEndsTheAttemptAndLaterStepsWithoutAStartAreIgnored() {
    // upload at 60 s, mapping at 60 + 1800 = 1860 s: the gap equals abandon_after -> abandoned at 60 s
    List<Attempt> a = build(1900, ev("1", "Import Started", 0), ev("2", "File Uploaded", 60),
        ev("3", "Columns Mapped", 1860), ev("4", "Import Completed", 1900));
    assertThat(a).hasSize(1);
    assertThat(a.get(0).outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(a.get(0).end()).isEqualTo(60_000L);
  }

  @Test
  void errorsKeepAnAttemptAlive() {
    // errors at 1000 s and 2000 s keep it open; completion at 3000 s (each gap < 1800 s)
    Attempt x = build(3000, ev("1", "Import Started", 0), ev("2", "Row Rejected", 1000),
        ev("3", "Row Rejected", 2000), ev("4", "File Uploaded", 2100), ev("5", "Columns Mapped", 2200),
        ev("6", "Import Completed", 3000)).get(0);
    assertThat(x.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(x.errorCount()).isEqualTo(2);
    assertThat(x.errorSteps()).containsExactly("start", "start");
  }

  @Test
  void twoJourneysInterleavedInOneSession() {
    List<Attempt> a = build(700, ev("1", "Import Started", 0), ev("2", "Cart Viewed", 10),
        ev("3", "File Uploaded", 20), ev("4", "Checkout Started", 30),
        ev("5", "Checkout Step Completed", 40, Map.of("step", "2")), // predicate step=1 fails: ignored
        ev("6", "Checkout Step Completed", 50, Map.of("step", "1")), ev("7", "Columns Mapped", 60),
        ev("8", "Payment Info Entered", 70), ev("9", "Import Completed", 80), ev("10", "Payment Declined", 90),
        ev("11", "Order Completed", 100));
    assertThat(a).hasSize(2);
    Attempt imp = a.stream().filter(x -> x.journey().equals("inventory-import")).findFirst().orElseThrow();
    Attempt buy = a.stream().filter(x -> x.journey().equals("checkout")).findFirst().orElseThrow();
    assertThat(imp.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(imp.timeOnTaskSeconds()).isEqualTo(80.0);
    assertThat(imp.errorCount()).isZero();
    assertThat(buy.outcome()).isEqualTo(Outcome.COMPLETED);
    assertThat(buy.timeOnTaskSeconds()).isEqualTo(90.0); // 100 - 10
    assertThat(buy.stepTimes()).containsExactly(10_000L, 30_000L, 50_000L, 70_000L, 100_000L);
    assertThat(buy.errorSteps()).containsExactly("payment");
  }

  @Test
  void anyArrivalOrderGivesTheSameAttempts() {
    List<JourneyEvent> events = List.of(ev("1", "Import Started", 0), ev("2", "File Uploaded", 60),
        ev("3", "Import Failed", 61), ev("4", "Columns Mapped", 120), ev("5", "Import Completed", 300),
        ev("6", "Import Started", 600), ev("7", "File Uploaded", 600), ev("8", "Cart Viewed", 700));
    List<Attempt> expected = AttemptBuilder.build(DEFAULT, events, 5000_000L);
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      List<JourneyEvent> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, random);
      assertThat(AttemptBuilder.build(DEFAULT, shuffled, 5000_000L)).isEqualTo(expected);
    }
    // equal timestamps (6 and 7 at 600 s) are ordered by id, so the start still comes first
    assertThat(expected).filteredOn(a -> a.journey().equals("inventory-import")).hasSize(2);
  }
}
