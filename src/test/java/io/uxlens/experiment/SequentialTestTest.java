package io.uxlens.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SequentialTestTest {

  @Test
  void pValueIsInverseOfNormalMixtureLikelihoodRatio() {
    // Johari et al. 2017 normal mixture, thetaHat 0.05, V 0.0003475, tau^2 0.0025.
    // By hand: sqrt(0.0003475/0.0028475) = 0.349342; exp(0.0025*0.0025 / (2*0.0003475*0.0028475)) = exp(3.158154)
    // = 23.5296; Lambda = 8.21876; 1/Lambda = 0.121672 (NumPy: 0.12167220139000687).
    assertThat(SequentialTest.pValue(0.05, 0.0003475, 0.0025)).isCloseTo(0.12167220139000687, within(1e-12));
    // A small difference gives Lambda < 1: p capped at 1.
    assertThat(SequentialTest.pValue(0.002, 0.0003475, 0.0025)).isEqualTo(1.0);
    // Sign does not matter.
    assertThat(SequentialTest.pValue(-0.05, 0.0003475, 0.0025))
        .isEqualTo(SequentialTest.pValue(0.05, 0.0003475, 0.0025));
  }

  @Test
  void alwaysValidPValueIsMoreConservativeThanFixedHorizon() {
    // Same data as InferenceTest: fixed-horizon p = 0.0073, the always-valid p must be larger.
    Comparison c = Inference.twoProportions(200, 1000, 250, 1000, 0.95);
    double av = SequentialTest.pValue(c.absolute(), c.variance(), 0.05 * 0.05);
    assertThat(av).isGreaterThan(c.pValue()).isLessThan(1.0);
  }

  @Test
  void runningMinimumNeverRises() {
    double[] p = SequentialTest.pValues(new double[] {0.05, 0.0, 0.05}, new double[] {0.0003475, 0.0003, 0.0002},
        0.0025);
    assertThat(p[0]).isCloseTo(0.12167220139000687, within(1e-12));
    assertThat(p[1]).isEqualTo(p[0]);
    assertThat(p[2]).isLessThan(p[1]);
  }

  @Test
  void hugeSamplesDoNotOverflow() {
    assertThat(SequentialTest.pValue(0.01, 1e-12, 1e-4)).isEqualTo(0.0);
    assertThat(SequentialTest.pValue(0.0, 0, 1e-4)).isEqualTo(1.0);
  }

  @Test
  void alwaysValidIntervalHalfWidth() {
    // sqrt(V (V + tau^2) / tau^2 * (2 ln 20 + ln((V + tau^2) / V))), V = 0.0003475, tau^2 = 0.0025 (NumPy):
    // 0.05660371279859696, wider than the fixed 95% half-width 1.96 * sqrt(V) = 0.0365364.
    assertThat(SequentialTest.halfWidth(0.0003475, 0.0025, 0.05)).isCloseTo(0.05660371279859696, within(1e-12));
    assertThatThrownBy(() -> SequentialTest.pValue(0.1, 0.1, 0)).hasMessageContaining("tau^2");
  }
}
