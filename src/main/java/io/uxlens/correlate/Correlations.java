package io.uxlens.correlate;

import io.uxlens.Refusal;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.model.Attempt;
import io.uxlens.model.Span;
import io.uxlens.store.SessionTelemetryStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UX against performance for one journey over [from, to) (attempts by start time, context filters as in
 * {@link JourneyKpis}): the API the query layer calls for the correlation tables.
 */
public final class Correlations {
  private final JourneyKpis kpis;
  private final SessionTelemetryStore telemetry;

  /** Without telemetry: bottlenecks see journey events only (no backend cause, waits end at the last event). */
  public Correlations(JourneyKpis kpis) {
    this(kpis, null);
  }

  public Correlations(JourneyKpis kpis, SessionTelemetryStore telemetry) {
    this.kpis = kpis;
    this.telemetry = telemetry;
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
    List<Attempt> attempts = kpis.attempts(journeyId, from, to, filters);
    return Bottlenecks.rank(journey, attempts, telemetry == null ? Map.of() : spansOf(telemetry, attempts));
  }

  /** The spans of the attempts' sessions, for {@link Bottlenecks#rank(JourneyDefinition, List, Map)}. */
  public static Map<String, List<Span>> spansOf(SessionTelemetryStore telemetry, List<Attempt> attempts) {
    Set<String> sessions = new LinkedHashSet<>();
    attempts.forEach(a -> {
      if (a.sessionId() != null) {
        sessions.add(a.sessionId());
      }
    });
    return sessions.isEmpty() ? Map.of() : telemetry.spans(sessions);
  }
}
