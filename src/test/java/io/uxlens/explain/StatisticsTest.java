package io.uxlens.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.17.1 (fisher_exact, the pooled z by norm.cdf, false_discovery_control). */
class StatisticsTest {
  @Test
  void fisherExactForSmallCounts() {
    // fisher_exact([[3, 1], [1, 3]]).pvalue = 0.48571428571428565
    assertThat(ProportionTest.pValue(3, 4, 1, 4)).isCloseTo(0.4857143, within(1e-6));
    // fisher_exact([[1, 4], [4, 1]]).pvalue = 0.2063492063492064
    assertThat(ProportionTest.pValue(1, 5, 4, 5)).isCloseTo(0.2063492063492064, within(1e-9));
  }

  @Test
  void zTestForLargeCounts() {
    // 2 * norm.cdf(-|z|), pooled z of 120/400 vs 90/400 = 0.015924985627566977
    assertThat(ProportionTest.pValue(120, 400, 90, 400)).isCloseTo(0.015924985627566977, within(1e-9));
    assertThat(ProportionTest.pValue(50, 100, 50, 100)).isCloseTo(1, within(1e-12));
    assertThat(ProportionTest.pValue(0, 0, 5, 10)).isNull();
  }

  @Test
  void benjaminiHochberg() {
    // false_discovery_control([0.01, 0.04, 0.03, 0.005]) = [0.02, 0.04, 0.04, 0.02]
    Double[] adjusted = BenjaminiHochberg.adjust(new Double[] {0.01, 0.04, null, 0.03, 0.005});
    assertThat(adjusted).containsExactly(0.02, 0.04, null, 0.04, 0.02);
  }

  @Test
  void changeStartIsTheStartOfTheBurst() {
    boolean[] xs = new boolean[100];
    for (int i = 40; i < 60; i++) {
      xs[i] = i % 4 != 3;
    }
    xs[10] = true;
    assertThat(ChangeStart.of(xs, 0.1, 1)).isEqualTo(40);
    assertThat(ChangeStart.of(xs, 0.1, 0)).isEqualTo(-1);
  }
}
