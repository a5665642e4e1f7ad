package io.uxlens.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.Refusal;
import io.uxlens.grafana.TimeRange;
import org.junit.jupiter.api.Test;

class BucketsTest {
  @Test
  void stepIsTheLargerOfIntervalAndRangeOverWidthAlignedToEpoch() {
    TimeRange hour = new TimeRange(1_000_030_000L, 1_003_630_000L);
    Buckets byInterval = Buckets.of(hour, 60_000, 10);
    assertThat(byInterval.stepMs()).isEqualTo(360_000);
    assertThat(byInterval.startMs() % 360_000).isZero();
    assertThat(byInterval.startMs()).isLessThanOrEqualTo(hour.fromMs());
    assertThat(byInterval.time(byInterval.count() - 1)).isLessThanOrEqualTo(hour.toMs());
    assertThat(byInterval.time(byInterval.count() - 1) + 360_000).isGreaterThan(hour.toMs());

    Buckets byWidth = Buckets.of(hour, 600_000, 1000);
    assertThat(byWidth.stepMs()).isEqualTo(600_000);
    assertThat(byWidth.index(byWidth.startMs() - 1)).isEqualTo(-1);
    assertThat(byWidth.index(byWidth.startMs() + 600_000)).isEqualTo(1);
    assertThat(byWidth.index(byWidth.time(byWidth.count()))).isEqualTo(-1);
  }

  @Test
  void moreThanTenThousandPointsIsRefusedWithTheIntervalToAskFor() {
    TimeRange day = new TimeRange(0, 86_400_000L);
    assertThat(Buckets.of(day, 10_000, 0).count()).isEqualTo(8_641);
    assertThatThrownBy(() -> Buckets.of(day, 1_000, 0)).isInstanceOf(Refusal.class)
        .hasMessageContaining("86401 points per series exceed the limit of 10000")
        .hasMessageContaining("at least 8641 ms");
    Buckets suggested = Buckets.of(day, 8_641, 0);
    assertThat(suggested.count()).isLessThanOrEqualTo(Buckets.MAX_POINTS);
  }

  @Test
  void withNeitherIntervalNorWidthTheDefaultWidthApplies() {
    Buckets b = Buckets.of(new TimeRange(0, 1_000_000), 0, 0);
    assertThat(b.stepMs()).isEqualTo(1_000);
    assertThat(b.count()).isEqualTo(1_001);
  }

  @Test
  void grafanasRoundedIntervalIsKeptAndAStepFromTheWidthIsRoundedUpToWholeMinutes() {
    TimeRange week = new TimeRange(0, 7 * 86_400_000L);
    // 7 days at 1000 px: Grafana sends 10 minutes (1,008 points); kept, so the 10-minute rollups answer it
    Buckets b = Buckets.of(week, 600_000, 1000);
    assertThat(b.stepMs()).isEqualTo(600_000);
    assertThat(b.count()).isEqualTo(1_009);
    // an interval far finer than the width can draw is widened to range / width, rounded up to whole minutes
    Buckets widened = Buckets.of(week, 60_000, 1000);
    assertThat(widened.stepMs()).isEqualTo(660_000);
    assertThat(widened.count()).isLessThanOrEqualTo(1000);
    // an interval the panel asks for is kept as it is, and steps under a minute are not rounded
    assertThat(Buckets.of(week, 604_800, 0).stepMs()).isEqualTo(604_800);
    assertThat(Buckets.of(new TimeRange(0, 3_600_000L), 0, 100).stepMs()).isEqualTo(36_000);
  }
}
