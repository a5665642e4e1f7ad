package io.uxlens.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed correlation figures. Four finished attempts with mean span latency (ms):
 * completed 100, 200; abandoned 300, 600; plus one in progress (ignored) and one without spans (ignored).
 */
class CorrelationTest {
  static Attempt attempt(String id, Outcome outcome, Double latencyMs) {
    Performance p = latencyMs == null ? Performance.NONE
        : new Performance(2, 2 * latencyMs, latencyMs, 0, 0, 0, null, null, null, null, null);
    Long end = outcome == Outcome.IN_PROGRESS ? null : 1000L;
    return new Attempt(id, "j", "s" + id, "s" + id, "u", 0, end, 1000, outcome == Outcome.IN_PROGRESS ? 5000L : null,
        outcome, 0, "start", List.of(0L), 0, List.of(), Map.of(), p);
  }

  static final List<Attempt> DATA = List.of(
      attempt("1", Outcome.COMPLETED, 100.0), attempt("2", Outcome.COMPLETED, 200.0),
      attempt("3", Outcome.ABANDONED, 300.0), attempt("4", Outcome.ABANDONED, 600.0),
      attempt("5", Outcome.IN_PROGRESS, 50.0), attempt("6", Outcome.ABANDONED, null));

  @Test
  void pointBiserialByHand() {
    PointBiserial pb = PointBiserial.of(DATA);
    // n = 4, n1 = 2 (M1 = 150), n0 = 2 (M0 = 450); mean 300; squared deviations 40000 + 10000 + 0 + 90000 = 140000
    // s = sqrt(140000 / 4) = sqrt(35000) = 187.0829; r = (150 - 450) / 187.0829 * sqrt(2 * 2 / 16) = -0.8017837
    // (r^2 = 22500 / 35000 = 9/14); t = r * sqrt(2 / (1 - 9/14)) = r * sqrt(5.6) = -1.8973666 (t^2 = 3.6)
    // df = 2: Student's CDF is 1/2 + t / (2 sqrt(t^2 + 2)), so p = 1 - |t| / sqrt(t^2 + 2) = 1 - sqrt(9/14) = 0.1982163
    assertThat(pb.n()).isEqualTo(4);
    assertThat(pb.meanLatencyCompletedMs()).isEqualTo(150.0);
    assertThat(pb.meanLatencyAbandonedMs()).isEqualTo(450.0);
    assertThat(pb.r()).isCloseTo(-Math.sqrt(9.0 / 14), within(1e-12));
    assertThat(pb.t()).isCloseTo(-Math.sqrt(3.6), within(1e-12));
    assertThat(pb.pValue()).isCloseTo(1 - Math.sqrt(9.0 / 14), within(1e-9));
  }

  @Test
  void pointBiserialNeedsBothOutcomes() {
    PointBiserial pb = PointBiserial.of(List.of(attempt("1", Outcome.COMPLETED, 100.0),
        attempt("2", Outcome.COMPLETED, 200.0), attempt("3", Outcome.COMPLETED, 300.0)));
    assertThat(pb.r()).isNull();
    assertThat(pb.pValue()).isNull();
  }

  @Test
  void completionByConfiguredLatencyEdges() {
    List<LatencyBuckets.Band> bands = LatencyBuckets.completionByLatency(DATA, new double[] {250});
    // < 250 ms: 100, 200 both completed -> 1.0; >= 250 ms: 300, 600 both abandoned -> 0.0
    assertThat(bands).hasSize(2);
    assertThat(bands.get(0).fromMs()).isNull();
    assertThat(bands.get(0).toMs()).isEqualTo(250.0);
    assertThat(bands.get(0).attempts()).isEqualTo(2);
    assertThat(bands.get(0).completionRate()).isEqualTo(1.0);
    assertThat(bands.get(0).meanLatencyMs()).isEqualTo(150.0);
    assertThat(bands.get(1).completionRate()).isEqualTo(0.0);
    assertThat(bands.get(1).toMs()).isNull();
  }

  @Test
  void completionByQuartileEdgesFromTheData() {
    // sorted 100, 200, 300, 600: q25 at rank floor(0.75) = 0 -> 100 (the minimum: dropped), q50 rank 1 -> 200,
    // q75 rank floor(2.25) = 2 -> 300. Bands: < 200 {100} 1/1, [200, 300) {200} 1/1, >= 300 {300, 600} 0/2
    List<LatencyBuckets.Band> bands = LatencyBuckets.completionByLatency(DATA, null);
    assertThat(bands).extracting(LatencyBuckets.Band::toMs).containsExactly(200.0, 300.0, null);
    assertThat(bands).extracting(LatencyBuckets.Band::attempts).containsExactly(1L, 1L, 2L);
    assertThat(bands).extracting(LatencyBuckets.Band::completionRate).containsExactly(1.0, 1.0, 0.0);
  }
}
