package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.model.Feedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PainPointsTest {
  private static final Sprint SPRINT = SprintCalendar.defaults().containing(Instant.parse("2026-11-20T12:00:00Z"));
  private static final long HOUR = 3_600_000L;
  private final List<Feedback> corpus = new ArrayList<>();

  private void add(Sprint sprint, String kind, Double score, String journey, String text) {
    long ts = sprint.startMs() + (corpus.size() + 1) * HOUR;
    corpus.add(new Feedback("f" + corpus.size(), kind, score, text, null, null, journey, ts, null, null, "test"));
  }

  /** Hand-written corpus: 6 x slow import, 5 x confusing error, 4 x payment declined, plus noise. */
  private List<Feedback> corpus() {
    String imp = "inventory-import";
    // slow import: 6 negative mentions (S1-S6)
    add(SPRINT, "nps", 2.0, imp, "The import is so slow, it took 20 minutes for 300 rows.");
    add(SPRINT, "text", null, imp, "Slow import again. Terrible.");
    add(SPRINT, "ticket", null, imp, "CSV import is slow and keeps timing out");
    add(SPRINT, "ticket", null, imp, "Why is the import this slow? I gave up.");
    add(SPRINT, "text", null, imp, "Import was very slow today, useless");
    add(SPRINT, "csat", 1.0, imp, "Slow import of the price list");
    // confusing error: 5 (C1-C5)
    add(SPRINT, "text", null, "checkout", "Confusing error when saving the order");
    add(SPRINT, "ticket", null, "onboarding", "I got a confusing error and no idea what to do");
    add(SPRINT, "text", null, "checkout", "Another confusing error message, useless");
    add(SPRINT, "text", null, "onboarding", "Error so confusing!");
    add(SPRINT, "nps", 4.0, "checkout", "The error is confusing and unclear");
    // payment declined: 4 (P1-P4)
    add(SPRINT, "ticket", null, "checkout", "Payment declined twice, card is fine");
    add(SPRINT, "nps", 0.0, "checkout", "My payment was declined for no reason");
    add(SPRINT, "ticket", null, "checkout", "payment declined!!! what a joke");
    add(SPRINT, "text", null, "checkout", "Checkout failed: payment declined.");
    // other negative feedback (N1-N4)
    add(SPRINT, "text", null, null, "The dashboard is ugly");
    add(SPRINT, "text", null, null, "Export to PDF is broken");
    add(SPRINT, "nps", 5.0, imp, "The import button is hard to find");
    add(SPRINT, "ticket", null, null, "Error when exporting the report");
    // positive feedback never makes a pain point
    add(SPRINT, "nps", 10.0, imp, "Import was fast and easy, love it");
    add(SPRINT, "nps", 10.0, imp, "Import was fast and easy, love it");
    add(SPRINT, "csat", 5.0, "checkout", "Payment went through quickly, great");
    // previous sprint: slow import twice, confusing error once; before that and after: ignored
    add(SPRINT.previous(), "ticket", null, imp, "Slow import, frustrating");
    add(SPRINT.previous(), "ticket", null, imp, "import slow again");
    add(SPRINT.previous(), "ticket", null, "onboarding", "Confusing error on login");
    add(SPRINT.previous().previous(), "ticket", null, "checkout", "payment declined");
    add(SPRINT.next(), "ticket", null, "checkout", "payment declined");
    return corpus;
  }

  @Test
  void plantedThemesAreTheTopThreeWithHandCountedMentions() {
    List<PainPoint> top = PainPoints.top(corpus(), SPRINT, 3);
    assertThat(top).extracting(PainPoint::theme)
        .containsExactlyInAnyOrder("slow import", "confusing error", "payment declined");
    PainPoint slow = find(top, "slow import");
    PainPoint confusing = find(top, "confusing error");
    PainPoint payment = find(top, "payment declined");
    assertThat(slow.mentions()).isEqualTo(6);
    assertThat(confusing.mentions()).isEqualTo(5);
    assertThat(payment.mentions()).isEqualTo(4);
    // 19 negative items with text in the sprint (S1-S6, C1-C5, P1-P4, N1-N4)
    assertThat(slow.share()).isCloseTo(6 / 19.0, within(1e-12));
    assertThat(payment.share()).isCloseTo(4 / 19.0, within(1e-12));
    assertThat(slow.previousMentions()).isEqualTo(2);
    assertThat(slow.change()).isEqualTo(4);
    assertThat(confusing.change()).isEqualTo(4);
    assertThat(payment.previousMentions()).isZero();
    assertThat(slow.journeys()).containsExactly("inventory-import");
    assertThat(confusing.journeys()).containsExactly("checkout", "onboarding");
    assertThat(payment.journeys()).containsExactly("checkout");
    // "failed" is the only strongly negative word among the payment complaints
    assertThat(payment.quote()).isEqualTo("Checkout failed: payment declined.");
    assertThat(slow.key()).isEqualTo("import slow");
  }

  @Test
  void rankIsMentionsTimesNegativityAndSorted() {
    List<PainPoint> all = PainPoints.top(corpus(), SPRINT, 10);
    Vader v = Vader.feedback();
    for (PainPoint p : all) {
      double mean = corpus.stream().filter(f -> SPRINT.contains(f.timestamp()))
          .filter(f -> f.text().toLowerCase().contains(p.theme().split(" ")[0]))
          .mapToDouble(f -> v.compound(f.text())).min().orElseThrow();
      assertThat(p.meanSentiment()).isGreaterThanOrEqualTo(mean);
      assertThat(p.rank()).isCloseTo(p.mentions() * (1 - p.meanSentiment()) / 2, within(1e-12));
    }
    assertThat(all).extracting(PainPoint::rank).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // single words absorbed by the phrases that explain them, and feelings alone are no theme
    assertThat(all).extracting(PainPoint::theme)
        .doesNotContain("import", "slow", "payment", "declined", "error", "useless", "confusing");
  }

  @Test
  void meanSentimentOfMentionsIsHandComputable() {
    List<Feedback> docs = new ArrayList<>();
    long t = SPRINT.startMs();
    docs.add(new Feedback("a", "ticket", null, "login loop", null, null, "j", t, -0.5, null, "t"));
    docs.add(new Feedback("b", "ticket", null, "Login loop again", null, null, "j", t + 1, -0.1, null, "t"));
    docs.add(new Feedback("c", "text", null, "fine", null, null, "j", t + 2, 0.4, null, "t"));
    List<PainPoint> top = PainPoints.top(docs, SPRINT, 3);
    assertThat(top).hasSize(1);
    PainPoint p = top.get(0);
    assertThat(p.theme()).isEqualTo("login loop");
    assertThat(p.mentions()).isEqualTo(2);
    assertThat(p.share()).isEqualTo(1.0);
    assertThat(p.meanSentiment()).isCloseTo(-0.3, within(1e-12));
    assertThat(p.rank()).isCloseTo(2 * 0.65, within(1e-12));
    assertThat(p.quote()).isEqualTo("login loop");
  }

  @Test
  void nothingNegativeMeansNoPainPoints() {
    List<Feedback> docs = List.of(new Feedback("a", "nps", 10.0, "love the new import", null, null, null,
        SPRINT.startMs(), null, null, "t"));
    assertThat(PainPoints.top(docs, SPRINT, 3)).isEmpty();
    assertThat(PainPoints.top(List.of(), SPRINT, 3)).isEmpty();
  }

  private static PainPoint find(List<PainPoint> list, String theme) {
    return list.stream().filter(p -> p.theme().equals(theme)).findFirst().orElseThrow();
  }

  /** Containment is decided between a key and the shorter keys inside it: every non-empty proper subset, as a key. */
  @Test
  void theShorterPhrasesInsideAKeyAreItsProperSubsetsSortedLikeKeys() {
    assertThat(PainPoints.properSubsets("import slow")).containsExactlyInAnyOrder("import", "slow");
    assertThat(PainPoints.properSubsets("column import slow")).containsExactlyInAnyOrder("column", "import", "slow",
        "column import", "column slow", "import slow");
    assertThat(PainPoints.properSubsets("import")).isEmpty();
  }
}
