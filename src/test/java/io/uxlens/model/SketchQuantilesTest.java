package io.uxlens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchQuantilesTest {
  private static DDSketch sketch() {
    return new DDSketch(new LogarithmicMapping(0.01), UnboundedSizeDenseStore::new);
  }

  /** Random sketches (zeros, values too small to index, wide ranges, merges) against the library, quantile by quantile. */
  @Test
  void everyQuantileEqualsTheLibrarys() {
    Random random = new Random(7);
    int compared = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      DDSketch s = sketch();
      int parts = 1 + random.nextInt(3);
      for (int p = 0; p < parts; p++) {
        DDSketch part = sketch();
        int n = 1 + random.nextInt(trial % 10 == 0 ? 3 : 400);
        for (int i = 0; i < n; i++) {
          double v = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1e-12 * random.nextDouble(); // below the smallest indexable value: the zero count
            case 2 -> Math.exp(random.nextGaussian() * 4);
            default -> 100 + random.nextInt(5_000);
          };
          part.accept(v);
        }
        s.mergeWith(part);
      }
      double[] qs = new double[1 + random.nextInt(5)];
      for (int i = 0; i < qs.length; i++) {
        qs[i] = switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> 1;
          default -> random.nextDouble();
        };
      }
      double[] got = SketchQuantiles.of(s, qs);
      for (int i = 0; i < qs.length; i++) {
        assertThat(got[i]).as("trial %d, q %s", trial, qs[i]).isEqualTo(s.getValueAtQuantile(qs[i]));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(4_000);
  }

  @Test
  void negativeValuesAndBadQuantilesGetTheLibrarysAnswer() {
    DDSketch s = sketch();
    for (double v : new double[] {-5, -1, 0, 2, 3, 40}) {
      s.accept(v);
    }
    double[] qs = {0, 0.2, 0.5, 0.9, 1};
    double[] got = SketchQuantiles.of(s, qs);
    for (int i = 0; i < qs.length; i++) {
      assertThat(got[i]).isEqualTo(s.getValueAtQuantile(qs[i]));
    }
    assertThat(got[0]).isNegative();
    assertThatThrownBy(() -> SketchQuantiles.of(s, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SketchQuantiles.of(sketch(), 0.5)).isInstanceOf(java.util.NoSuchElementException.class);
  }
}
