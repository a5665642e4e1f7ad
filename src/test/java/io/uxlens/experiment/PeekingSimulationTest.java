package io.uxlens.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded simulations of experiments checked once a day for 20 days, through the same
 * {@link ExperimentAnalysis#liftOverTime} the dashboard uses. A/A: stopping at the first day with p < 0.05 must
 * inflate false positives well past 5% for the fixed-horizon p-value and keep them at or below 5% for the
 * always-valid one. A/B: the always-valid test still finds a real effect.
 */
class PeekingSimulationTest {
  private static final int EXPERIMENTS = 2000;
  private static final int DAYS = 20;
  private static final int PER_ARM_PER_DAY = 200;
  private static final ExperimentDefinition DEF = new ExperimentDefinition("aa", "import", ExperimentKpi.COMPLETION_RATE,
      List.of(new Variant("A", 1), new Variant("B", 1)), "A", MinimumDetectableEffect.relative(0.10), null, null,
      false);

  record Rates(double naiveAnyLook, double lastLookOnly, double alwaysValidAnyLook) {}

  @Test
  @Timeout(10)
  void alwaysValidPValueSurvivesDailyPeekingWhileNaivePeekingDoesNot() {
    // Default mixing variance: (10% of the control rate)^2, fixed from the first day.
    Rates aa = simulate(0.20, 0.20, AnalysisSettings.DEFAULT, 20261121L);
    System.out.printf("A/A, %d experiments x %d looks: naive any-look FPR %.4f, single final look %.4f, "
        + "always-valid any-look %.4f%n", EXPERIMENTS, DAYS, aa.naiveAnyLook(), aa.lastLookOnly(),
        aa.alwaysValidAnyLook());
    assertThat(aa.lastLookOnly()).as("one planned look is calibrated").isBetween(0.035, 0.065);
    assertThat(aa.naiveAnyLook()).as("peeking daily at the fixed-horizon p inflates false positives")
        .isGreaterThan(0.12);
    assertThat(aa.alwaysValidAnyLook()).as("always-valid p keeps false positives at or below 5%")
        .isLessThanOrEqualTo(0.05);
  }

  @Test
  @Timeout(10)
  void alwaysValidHoldsForAnotherMixingVarianceAndBaseline() {
    Rates aa = simulate(0.05, 0.05, AnalysisSettings.DEFAULT.withTau2(0.02 * 0.02), 7L);
    System.out.printf("A/A at 5%%, tau=0.02: naive %.4f, always-valid %.4f%n", aa.naiveAnyLook(),
        aa.alwaysValidAnyLook());
    assertThat(aa.naiveAnyLook()).isGreaterThan(0.12);
    assertThat(aa.alwaysValidAnyLook()).isLessThanOrEqualTo(0.05);
  }

  @Test
  @Timeout(10)
  void alwaysValidStillDetectsARealEffect() {
    // 0.20 -> 0.24 (a 20% relative lift): with 4,000 units per arm by day 20 a fixed test has ~99% power.
    Rates ab = simulate(0.20, 0.24, AnalysisSettings.DEFAULT, 99L);
    System.out.printf("A/B 0.20 -> 0.24: always-valid detection rate %.4f%n", ab.alwaysValidAnyLook());
    assertThat(ab.alwaysValidAnyLook()).isGreaterThan(0.80);
  }

  private static Rates simulate(double pA, double pB, AnalysisSettings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int naive = 0;
    int last = 0;
    int alwaysValid = 0;
    LocalDate start = LocalDate.of(2026, 11, 1);
    for (int e = 0; e < EXPERIMENTS; e++) {
      List<DailySnapshot> days = new ArrayList<>(DAYS);
      long nA = 0;
      long xA = 0;
      long nB = 0;
      long xB = 0;
      for (int d = 0; d < DAYS; d++) {
        nA += PER_ARM_PER_DAY;
        nB += PER_ARM_PER_DAY;
        xA += successes(random, PER_ARM_PER_DAY, pA);
        xB += successes(random, PER_ARM_PER_DAY, pB);
        days.add(new DailySnapshot(start.plusDays(d), Map.of(
            "A", new VariantData(nA, nA, xA, nA - xA, 0, null),
            "B", new VariantData(nB, nB, xB, nB - xB, 0, null))));
      }
      List<LiftPoint> points = ExperimentAnalysis.liftOverTime(DEF, days, settings);
      assertThat(points).hasSize(DAYS);
      if (points.stream().anyMatch(p -> p.pValue() < 0.05)) {
        naive++;
      }
      if (points.get(DAYS - 1).pValue() < 0.05) {
        last++;
      }
      // The running minimum means the last point says whether any look crossed.
      if (points.get(DAYS - 1).alwaysValidPValue() < 0.05) {
        alwaysValid++;
      }
    }
    return new Rates((double) naive / EXPERIMENTS, (double) last / EXPERIMENTS,
        (double) alwaysValid / EXPERIMENTS);
  }

  private static int successes(SplittableRandom random, int n, double p) {
    int x = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        x++;
      }
    }
    return x;
  }
}
