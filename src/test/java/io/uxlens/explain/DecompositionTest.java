package io.uxlens.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.explain.Decomposition.Counts;
import io.uxlens.explain.Decomposition.Effect;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecompositionTest {
  @Test
  void contributionsAddUpToTheTotalChange() {
    List<Counts> segments = List.of(new Counts(400, 320, 100, 80), new Counts(100, 70, 500, 250),
        new Counts(0, 0, 50, 10), new Counts(30, 3, 0, 0));
    double total = Decomposition.total(segments).change();
    // by hand: before 393/530, after 340/650
    assertThat(total).isCloseTo(340.0 / 650 - 393.0 / 530, within(1e-12));
    double sum = Decomposition.effects(segments).stream().mapToDouble(Effect::contribution).sum();
    assertThat(sum).isCloseTo(total, within(1e-12));
  }

  @Test
  void aPureMixShiftShowsAsMix() {
    // rates stay 0.9 and 0.5 in both segments; the bad segment grows from 20% to 60% of units
    List<Counts> segments = List.of(new Counts(800, 720, 400, 360), new Counts(200, 100, 600, 300));
    List<Effect> e = Decomposition.effects(segments);
    assertThat(e.get(0).rate()).isZero();
    assertThat(e.get(1).rate()).isZero();
    assertThat(e.get(1).mix()).isNegative();
    assertThat(e.get(0).mix() + e.get(1).mix()).isCloseTo(Decomposition.total(segments).change(), within(1e-12));
  }

  @Test
  void aPureRateChangeShowsAsRate() {
    // shares stay 50/50; segment b drops from 0.8 to 0.4
    List<Counts> segments = List.of(new Counts(500, 400, 300, 240), new Counts(500, 400, 300, 120));
    List<Effect> e = Decomposition.effects(segments);
    assertThat(e.get(0).mix()).isCloseTo(0, within(1e-12));
    assertThat(e.get(1).mix()).isCloseTo(0, within(1e-12));
    assertThat(e.get(0).rate()).isCloseTo(0, within(1e-12));
    assertThat(e.get(1).rate()).isCloseTo(-0.2, within(1e-12));
    assertThat(e.get(1).contribution()).isCloseTo(Decomposition.total(segments).change(), within(1e-12));
  }

  @Test
  void aSegmentGrowingAtTheAverageRateMovesNothing() {
    List<Counts> segments = List.of(new Counts(500, 350, 500, 350), new Counts(100, 70, 900, 630));
    assertThat(Decomposition.effects(segments).get(1).contribution()).isCloseTo(0, within(1e-12));
  }

  @Test
  void anEmptyWindowHasNoChangeToSplit() {
    List<Counts> segments = List.of(new Counts(0, 0, 10, 5));
    assertThat(Decomposition.total(segments).change()).isNull();
    assertThat(Decomposition.effects(segments).get(0).contribution()).isZero();
  }
}
