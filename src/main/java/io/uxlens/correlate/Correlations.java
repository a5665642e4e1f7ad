package io.uxlens.correlate;

import io.uxlens.Refusal;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.model.Attempt;
import io.uxlens.model.Span;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.journey.CorrelationState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

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

  /** Attempts per side of a step whose spans name its backend cause when the table is read from rollups. */
  public static final int CAUSE_SAMPLE = 250;

  /**
   * Backend causes for {@link Bottlenecks#rank(JourneyDefinition, CorrelationState, IntFunction)}: for step i, the
   * {@link BackendCause} of the newest {@link #CAUSE_SAMPLE} attempts lost there and the newest that reached it
   * (all of them when fewer), so the cost stays bounded however many attempts the range holds.
   */
  public static IntFunction<BackendCause.Operation> sampledCauses(JourneyKpis kpis, SessionTelemetryStore telemetry,
                                                                 JourneyDefinition journey, long from, long to) {
    if (telemetry == null) {
      return i -> null;
    }
    List<List<Attempt>> samples = new ArrayList<>();
    List<Attempt> all = new ArrayList<>();
    samples.add(List.of());
    List<List<Attempt>> reaching = kpis.newestReachingEachStep(journey.id(), from, to, CAUSE_SAMPLE);
    for (int i = 1; i < journey.steps().size(); i++) {
      List<Attempt> faced = new ArrayList<>(kpis.newestLostAt(journey.id(), from, to, i, CAUSE_SAMPLE));
      faced.addAll(reaching.get(i));
      samples.add(faced);
      all.addAll(faced);
    }
    // attempts keep their window's spans (V23); only older ones need their sessions' spans read, in one read for
    // every step (the samples of neighbouring steps share most of them)
    Map<String, List<Span>> older = spansOf(telemetry, all.stream().filter(a -> a.windowSpans() == null).toList());
    StepWindows windows = new StepWindows(journey, a -> a.windowSpans() != null ? a.windowSpans()
        : a.sessionId() == null ? null : older.get(a.sessionId()));
    return i -> samples.get(i).isEmpty() ? null : BackendCause.of(windows.spansInWindows(samples.get(i), i));
  }

  /**
   * The spans of the attempts' sessions, for {@link Bottlenecks#rank(JourneyDefinition, List, Map)}: timings and
   * errors only ({@link SessionTelemetryStore#spanTimings}).
   */
  public static Map<String, List<Span>> spansOf(SessionTelemetryStore telemetry, List<Attempt> attempts) {
    Set<String> sessions = new LinkedHashSet<>();
    attempts.forEach(a -> {
      if (a.sessionId() != null) {
        sessions.add(a.sessionId());
      }
    });
    return sessions.isEmpty() ? Map.of() : telemetry.spanTimings(sessions);
  }
}
