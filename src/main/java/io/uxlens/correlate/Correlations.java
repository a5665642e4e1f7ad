package io.uxlens.correlate;

import io.uxlens.Refusal;
import io.uxlens.journey.JourneyKpis;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UX against performance for one journey over [from, to) (attempts by start time, context filters as in
 * {@link JourneyKpis}): the API the query layer calls for the correlation tables.
 */
public final class Correlations {
  private final JourneyKpis kpis;

  public Correlations(JourneyKpis kpis) {
    this.kpis = kpis;
  }

  /** Completion rate per latency band; edges in ms, or empty for the data's quartiles. */
  public List<LatencyBuckets.Band> completionByLatency(String journeyId, long from, long to,
                                                       Map<String, String> filters, Optional<double[]> edgesMs) {
    edgesMs.ifPresent(e -> {
      for (double v : e) {
        if (!Double.isFinite(v) || v < 0) {
          throw Refusal.badRequest("edges", "latency edges must be finite, non-negative milliseconds");
        }
      }
    });
    return LatencyBuckets.completionByLatency(kpis.attempts(journeyId, from, to, filters), edgesMs.orElse(null));
  }

  public PointBiserial latencyVsCompletion(String journeyId, long from, long to, Map<String, String> filters) {
    return PointBiserial.of(kpis.attempts(journeyId, from, to, filters));
  }

  public List<Bottlenecks.Step> bottlenecks(String journeyId, long from, long to, Map<String, String> filters) {
    var journey = kpis.definitions().byId(journeyId)
        .orElseThrow(() -> Refusal.badRequest("journey", "unknown journey '" + journeyId + "'"));
    return Bottlenecks.rank(journey, kpis.attempts(journeyId, from, to, filters));
  }
}
