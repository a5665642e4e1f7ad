package io.uxlens.store;

import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Spans and measurements by session, for the performance an attempt saw. Attributes and context are not read. */
public final class SessionTelemetryStore {
  private final Jdbi jdbi;

  public SessionTelemetryStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Map<String, List<Span>> spans(Collection<String> sessionIds) {
    return spans(sessionIds, "trace_id, span_id, parent_span_id, session_id, service, name, kind, start_ms, "
        + "duration_ms, status, http_status, db_system, NULL AS attributes");
  }

  /**
   * The sessions' spans with what timing and errors need (session, service, name, start, duration, status, HTTP
   * status): ids, kind, database system and attributes are left empty. The bottleneck tables read a thousand
   * sessions' spans per request, and turning the ids' text into strings was a third of that read.
   */
  public Map<String, List<Span>> spanTimings(Collection<String> sessionIds) {
    return spans(sessionIds, "'' AS trace_id, '' AS span_id, NULL AS parent_span_id, session_id, service, name, "
        + "NULL AS kind, start_ms, duration_ms, status, http_status, NULL AS db_system, NULL AS attributes");
  }

  private Map<String, List<Span>> spans(Collection<String> sessionIds, String columns) {
    Map<String, List<Span>> out = new LinkedHashMap<>();
    jdbi.useHandle(h -> {
      for (List<String> part : JourneyStore.inLists(sessionIds)) {
        h.createQuery("SELECT " + columns + " FROM spans WHERE session_id IN (<ids>)")
            .bindList("ids", part).mapTo(Span.class)
            .forEach(s -> out.computeIfAbsent(s.sessionId(), k -> new ArrayList<>()).add(s));
      }
    });
    return out;
  }

  public Map<String, List<Measurement>> measurements(Collection<String> sessionIds) {
    Map<String, List<Measurement>> out = new LinkedHashMap<>();
    jdbi.useHandle(h -> {
      for (List<String> part : JourneyStore.inLists(sessionIds)) {
        h.createQuery("SELECT id, session_id, name, value, unit, ts, NULL AS context FROM measurements "
                + "WHERE session_id IN (<ids>)")
            .bindList("ids", part).mapTo(Measurement.class)
            .forEach(m -> out.computeIfAbsent(m.sessionId(), k -> new ArrayList<>()).add(m));
      }
    });
    return out;
  }
}
