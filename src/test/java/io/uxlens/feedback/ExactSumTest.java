package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact sum against BigDecimal arithmetic: the double it gives is the exact sum correctly rounded (no nearer
 * double exists), whatever the order of the values and however they are split into stored partial sums.
 */
class ExactSumTest {
  @Test
  void isTheExactSumRoundedOnceInAnyOrderAndSplit() {
    Random rnd = new Random(5);
    for (int round = 0; round < 200; round++) {
      List<Double> values = new ArrayList<>();
      int n = 1 + rnd.nextInt(300);
      for (int i = 0; i < n; i++) {
        double v = switch (rnd.nextInt(4)) {
          case 0 -> rnd.nextDouble() * 2 - 1;
          case 1 -> (rnd.nextDouble() - 0.5) * Math.pow(2, -rnd.nextInt(1000));
          case 2 -> (rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(60));
          default -> Double.MIN_VALUE * rnd.nextInt(1000) * (rnd.nextBoolean() ? 1 : -1);
        };
        values.add(v);
      }
      BigDecimal exact = BigDecimal.ZERO;
      ExactSum inOrder = new ExactSum();
      for (double v : values) {
        exact = exact.add(new BigDecimal(v));
        inOrder.add(v);
      }
      double got = inOrder.toDouble();
      assertCorrectlyRounded(exact, got);

      Collections.shuffle(values, rnd);
      ExactSum split = new ExactSum();
      int cut = rnd.nextInt(values.size() + 1);
      ExactSum part = new ExactSum();
      values.subList(0, cut).forEach(part::add);
      split.addEncoded(part.encode());
      ExactSum rest = new ExactSum();
      values.subList(cut, values.size()).forEach(rest::add);
      split.add(rest);
      assertThat(split.toDouble()).isEqualTo(got);
      assertThat(split.encode()).isEqualTo(inOrder.encode());
    }
  }

  @Test
  void aNaiveSumDependsOnOrderWhereTheExactOneDoesNot() {
    double[] values = {0.1, 0.2, 0.3};
    double forward = 0;
    for (double v : values) {
      forward += v;
    }
    double backward = 0;
    for (int i = values.length - 1; i >= 0; i--) {
      backward += values[i];
    }
    assertThat(forward).isNotEqualTo(backward); // the control: order matters to naive sums of these
    ExactSum a = new ExactSum();
    ExactSum b = new ExactSum();
    for (int i = 0; i < values.length; i++) {
      a.add(values[i]);
      b.add(values[values.length - 1 - i]);
    }
    assertThat(a.toDouble()).isEqualTo(b.toDouble());
  }

  private static void assertCorrectlyRounded(BigDecimal exact, double got) {
    BigDecimal error = new BigDecimal(got).subtract(exact).abs();
    for (double neighbour : new double[] {Math.nextUp(got), Math.nextDown(got)}) {
      BigDecimal other = new BigDecimal(neighbour).subtract(exact).abs();
      assertThat(error.compareTo(other)).as("%s vs exact %s", got, exact.round(MathContext.DECIMAL64))
          .isLessThanOrEqualTo(0);
    }
  }
}
