package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.uxlens.model.Event;
import io.uxlens.prometheus.UxLensMetrics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How late journeys are: the age of the oldest event the sessionizer has not read yet, on a real store with the
 * real sessionizer, and the Prometheus gauge that exports it.
 */
class SessionizerLagTest {
  @TempDir
  Path dir;

  @Test
  void lagIsTheAgeOfTheOldestUnreadEventAndZeroOnceRead() {
    try (JourneyFixture f = new JourneyFixture(dir, "lag")) {
      long now = System.currentTimeMillis();
      assertThat(f.attempts.sessionizerLagMillis(now)).as("empty store").isZero();

      f.insert(List.of(arrived("a", now - 300_000)));
      assertThat(f.attempts.sessionizerLagMillis(now)).isEqualTo(300_000);
      f.run();
      assertThat(f.attempts.sessionizerLagMillis(now)).as("read").isZero();

      // the oldest unread decides, not the newest, and an event read before does not count
      f.insert(List.of(arrived("b", now - 60_000), arrived("c", now - 10_000)));
      assertThat(f.attempts.sessionizerLagMillis(now)).isEqualTo(60_000);
      // an arrival time ahead of this clock (another instance's) is no lag, never a negative one
      assertThat(f.attempts.sessionizerLagMillis(now - 120_000)).isZero();
      f.run();
      assertThat(f.attempts.sessionizerLagMillis(now)).isZero();
    }
  }

  @Test
  void theGaugeExportsTheLagInSecondsOnceWatched() {
    try (JourneyFixture f = new JourneyFixture(dir, "gauge")) {
      UxLensMetrics metrics = new UxLensMetrics();
      assertThat(lagSamples(metrics)).as("not watched: no sample").isEmpty();
      metrics.watch(f.attempts);
      assertThat(lagSamples(metrics)).containsExactly(0.0);

      f.insert(List.of(arrived("a", System.currentTimeMillis() - 90_000)));
      assertThat(lagSamples(metrics)).singleElement().satisfies(s -> assertThat(s).isBetween(90.0, 150.0));
      f.run();
      assertThat(lagSamples(metrics)).containsExactly(0.0);
    }
  }

  /** A journey event of inventory-import that reached the store at {@code receivedAt}. */
  private static Event arrived(String id, long receivedAt) {
    return new Event(id, "segment", "track", "Import Started", JourneyFixture.T0, receivedAt, "u-" + id, null,
        "s-" + id, "{}", null);
  }

  private static List<Double> lagSamples(UxLensMetrics metrics) {
    return metrics.scrape().stream().filter(m -> m.getMetadata().getPrometheusName()
            .equals("uxlens_sessionizer_lag_seconds"))
        .flatMap(m -> ((GaugeSnapshot) m).getDataPoints().stream()).map(GaugeSnapshot.GaugeDataPointSnapshot::getValue)
        .toList();
  }
}
