package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The interval the bench sends is the one Grafana picks for a 1,000 px panel over the dashboards' ranges. */
class DashboardReplayTest {
  @Test
  void intervalsAsGrafanaRoundsRangeOverWidth() {
    long day = 86_400_000L;
    assertThat(DashboardReplay.niceInterval(day / 1000)).isEqualTo(60_000); // 24h: 86.4 s -> 1m
    assertThat(DashboardReplay.niceInterval(7 * day / 1000)).isEqualTo(600_000); // 7d: 604.8 s -> 10m
    assertThat(DashboardReplay.niceInterval(14 * day / 1000)).isEqualTo(1_200_000); // 14d: 1,209.6 s -> 20m
    assertThat(DashboardReplay.niceInterval(30 * day / 1000)).isEqualTo(1_800_000); // 30d: 2,592 s -> 30m
    assertThat(DashboardReplay.niceInterval(6 * 3_600_000L / 1000)).isEqualTo(20_000); // 6h: 21.6 s -> 20s
  }

  @Test
  void dashboardRangesParse() {
    assertThat(DashboardReplay.relative("now-24h")).isEqualTo(86_400_000L);
    assertThat(DashboardReplay.relative("now-14d")).isEqualTo(14 * 86_400_000L);
    assertThat(DashboardReplay.Range.of("30d")).isEqualTo(DashboardReplay.Range.MONTH);
  }
}
