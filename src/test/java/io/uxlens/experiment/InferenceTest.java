package io.uxlens.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Every statistic against values computed independently of this code. Sources are named next to each number;
 * "SciPy" means SciPy 1.17.1 (scipy.stats.norm / t / chi2 / ttest_ind / chisquare) evaluating the same textbook
 * formula in Python, run while writing this test.
 */
class InferenceTest {

  @Test
  void twoProportionsUnpooledWaldIntervalAndDeltaMethodRelativeLift() {
    // control 200/1000 = 0.20, variant 250/1000 = 0.25.
    // Interval: R prop.test(c(250, 200), c(1000, 1000), correct = FALSE)$conf.int is the same unpooled Wald
    // interval; SciPy: diff +- qnorm(.975) * sqrt(.2*.8/1000 + .25*.75/1000) = [0.0134636217, 0.0865363783].
    // p-value of the unpooled z: SciPy 2 * norm.sf(0.05 / sqrt(0.0003475)) = 0.0073137772.
    // Relative lift 0.25 with delta-method CI (SciPy): [0.0450220601, 0.4549779399].
    Comparison c = Inference.twoProportions(200, 1000, 250, 1000, 0.95);
    assertThat(c.absolute()).isCloseTo(0.05, within(1e-12));
    assertThat(c.absoluteLow()).isCloseTo(0.01346362168753984, within(1e-9));
    assertThat(c.absoluteHigh()).isCloseTo(0.08653637831246014, within(1e-9));
    assertThat(c.pValue()).isCloseTo(0.007313777221710672, within(1e-9));
    assertThat(c.relative()).isCloseTo(0.25, within(1e-12));
    assertThat(c.relativeLow()).isCloseTo(0.04502206008611073, within(1e-9));
    assertThat(c.relativeHigh()).isCloseTo(0.45497793991388924, within(1e-9));
    assertThat(c.variance()).isCloseTo(0.0003475, within(1e-15));
    // The pooled test R's prop.test reports instead (X-squared = 7.1685, p = 0.00742, SciPy chi2_contingency
    // without correction) is close to but not the unpooled z: this is the documented choice.
    assertThat(c.pValue()).isNotCloseTo(0.007419649261025672, within(1e-5));
  }

  @Test
  void twoProportionsDecreaseAsForLowerAbandonment() {
    // control 300/2000 = 0.15, variant 255/2000 = 0.1275 (SciPy, same formulas as above).
    Comparison c = Inference.twoProportions(300, 2000, 255, 2000, 0.95);
    assertThat(c.absolute()).isCloseTo(-0.0225, within(1e-12));
    assertThat(c.absoluteLow()).isCloseTo(-0.04391406412060883, within(1e-9));
    assertThat(c.absoluteHigh()).isCloseTo(-0.0010859358793911568, within(1e-9));
    assertThat(c.pValue()).isCloseTo(0.0394601107730686, within(1e-9));
    assertThat(c.relative()).isCloseTo(-0.15, within(1e-12));
    assertThat(c.relativeLow()).isCloseTo(-0.28175808382734435, within(1e-9));
    assertThat(c.relativeHigh()).isCloseTo(-0.018241916172655442, within(1e-9));
  }

  @Test
  void degenerateProportionsStayFinite() {
    Comparison same = Inference.twoProportions(0, 50, 0, 60, 0.95);
    assertThat(same.pValue()).isEqualTo(1.0);
    assertThat(same.relative()).isNull(); // a ratio to a zero baseline has no meaning
    Comparison split = Inference.twoProportions(0, 50, 50, 50, 0.95);
    assertThat(split.pValue()).isLessThan(1e-20).isGreaterThanOrEqualTo(0);
    assertThat(split.absoluteLow()).isEqualTo(1.0);
    assertThatThrownBy(() -> Inference.twoProportions(5, 0, 1, 10, 0.95))
        .hasMessageContaining("trials > 0");
  }

  @Test
  void welchMatchesRSleepExample() {
    // R: t.test(extra ~ group, data = sleep) (Welch Two Sample t-test, the R documentation example):
    // t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832, means 0.75 and 2.33.
    // The difference is group 1 - group 2, so group 2 plays control here.
    TimeStats g1 = TimeStats.of(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0);
    TimeStats g2 = TimeStats.of(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4);
    Comparison c = Inference.welch(g2.count(), g2.mean(), g2.variance(), g1.count(), g1.mean(), g1.variance(), 0.95);
    assertThat(c.absolute()).isCloseTo(-1.58, within(1e-12));
    assertThat(c.df()).isCloseTo(17.776, within(5e-4));
    assertThat(c.pValue()).isCloseTo(0.07939, within(5e-6));
    assertThat(c.absoluteLow()).isCloseTo(-3.3654832, within(1e-7));
    assertThat(c.absoluteHigh()).isCloseTo(0.2054832, within(1e-7));
    // SciPy ttest_ind(equal_var=False): df 17.776473516178488, p 0.0793941401873583.
    assertThat(c.df()).isCloseTo(17.776473516178488, within(1e-9));
    assertThat(c.pValue()).isCloseTo(0.0793941401873583, within(1e-9));
    // Relative lift 0.75/2.33 - 1 with delta-method CI using the same t critical value (SciPy):
    // -0.6781115880 [-1.2208068321, -0.1354163439].
    assertThat(c.relative()).isCloseTo(-0.6781115879828326, within(1e-12));
    assertThat(c.relativeLow()).isCloseTo(-1.2208068320852148, within(1e-8));
    assertThat(c.relativeHigh()).isCloseTo(-0.13541634388045032, within(1e-8));
  }

  @Test
  void welchNeedsTwoObservationsAndHandlesZeroVariance() {
    assertThatThrownBy(() -> Inference.welch(1, 1, 0, 5, 2, 1, 0.95)).hasMessageContaining("at least 2");
    Comparison exact = Inference.welch(3, 10, 0, 3, 10, 0, 0.95);
    assertThat(exact.pValue()).isEqualTo(1.0);
    assertThat(exact.df()).isNull();
  }

  @Test
  void holmMatchesWikipediaWorkedExample() {
    // Wikipedia "Holm-Bonferroni method", example: p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05 rejects H1 and H4.
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.030 0.060 0.060 0.020.
    double[] adjusted = Inference.holm(new double[] {0.01, 0.04, 0.03, 0.005});
    assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    // Capped at 1 and monotone: R p.adjust(c(0.5, 0.6), "holm") = 1 1.
    assertThat(Inference.holm(new double[] {0.5, 0.6})).containsExactly(1.0, 1.0);
    assertThat(Inference.holm(new double[0])).isEmpty();
  }

  @Test
  void chiSquareGoodnessOfFitMatchesMendel() {
    // Mendel's dihybrid peas 315/108/101/32 against 9:3:3:1. R: chisq.test(c(315,108,101,32), p = c(9,3,3,1)/16)
    // X-squared = 0.47002, df = 3, p-value = 0.9254 (SciPy chisquare: 0.4700239808, p 0.9254258951).
    Inference.ChiSquare x = Inference.chiSquareGoodnessOfFit(new long[] {315, 108, 101, 32},
        new double[] {9, 3, 3, 1});
    assertThat(x.statistic()).isCloseTo(0.4700239808153477, within(1e-10));
    assertThat(x.df()).isEqualTo(3);
    assertThat(x.pValue()).isCloseTo(0.925425895103616, within(1e-9));
  }

  @Test
  void sampleRatioMismatchAt52To48FlagsAndAt503To497StaysQuiet() {
    // 20,000 units on a 50/50 design. SciPy chisquare([10400, 9600]): 32.0, p = 1.5417257900e-08 (< 0.001).
    // chisquare([10060, 9940]): 0.72, p = 0.3961439092 (quiet).
    Inference.ChiSquare skewed = Inference.chiSquareGoodnessOfFit(new long[] {10400, 9600}, new double[] {50, 50});
    assertThat(skewed.statistic()).isCloseTo(32.0, within(1e-9));
    assertThat(skewed.pValue()).isCloseTo(1.5417257900280013e-08, within(1e-13));
    Inference.ChiSquare fine = Inference.chiSquareGoodnessOfFit(new long[] {10060, 9940}, new double[] {1, 1});
    assertThat(fine.pValue()).isCloseTo(0.3961439091520741, within(1e-9));
  }

  @Test
  void sampleSizesMatchPowerPropTest() {
    // R documentation of power.prop.test: power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7;
    // the closed form it solves (SciPy) gives 76.70692845.
    assertThat(Inference.sampleSizeTwoProportions(0.50, 0.75, 0.05, 0.90)).isCloseTo(76.7, within(0.05))
        .isCloseTo(76.70692845177743, within(1e-8));
    // Baseline 10%, 2 points absolute, 80% power: 3840.85 per arm (SciPy; Evan Miller's calculator shows 3,841).
    assertThat(Inference.sampleSizeTwoProportions(0.10, 0.12, 0.05, 0.80))
        .isCloseTo(3840.847482436276, within(1e-7));
    // Means: (z_.975 + z_.8)^2 (2^2 + 2^2) / 1^2 = 62.79103787 (SciPy).
    assertThat(Inference.sampleSizeMeans(1.0, 2.0, 2.0, 0.05, 0.80)).isCloseTo(62.79103787479271, within(1e-8));
  }
}
