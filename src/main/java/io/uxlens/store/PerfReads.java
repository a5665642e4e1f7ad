package io.uxlens.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Read side of spans and measurements for the perf.* metrics. */
public final class PerfReads {
  /** A span as the perf metrics need it; {@code attributes} is the stored JSON text. */
  public record SpanRow(long start, double durationMs, boolean error, String sessionId, String service,
      String name, Integer httpStatus, String dbSystem, String attributes) {}

  /** A measurement as the perf metrics need it; {@code context} is the stored JSON text. */
  public record MeasurementRow(long time, String name, double value, String unit, String sessionId,
      String context) {}

  private final Jdbi jdbi;

  public PerfReads(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Spans starting in [from, to], optionally of one service. */
  public List<SpanRow> spans(long from, long to, String service) {
    String sql = "SELECT start_ms, duration_ms, status, session_id, service, name, http_status, db_system, attributes"
        + " FROM spans WHERE start_ms >= :from AND start_ms <= :to"
        + (service == null ? "" : " AND service = :service") + " ORDER BY start_ms";
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql).bind("from", from).bind("to", to);
      if (service != null) {
        q.bind("service", service);
      }
      return q.map((rs, ctx) -> new SpanRow(rs.getLong(1), rs.getDouble(2), "error".equals(rs.getString(3)),
          rs.getString(4), rs.getString(5), rs.getString(6), RowMappers.orNull(rs, rs.getInt(7)),
          rs.getString(8), rs.getString(9))).list();
    });
  }

  /** Measurements of the given names taken in [from, to]. */
  public List<MeasurementRow> measurements(long from, long to, Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT ts, name, value, unit, session_id, context FROM measurements"
            + " WHERE ts >= :from AND ts <= :to AND name IN (<names>) ORDER BY ts")
        .bind("from", from).bind("to", to).bindList("names", new ArrayList<>(names))
        .map((rs, ctx) -> new MeasurementRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
            rs.getString(5), rs.getString(6))).list());
  }

  /**
   * The context texts of each session's events, oldest first (later ones override earlier keys): through the
   * session index, plus the newest events it has not reached yet.
   */
  public Map<String, List<String>> sessionContexts(Collection<String> sessionIds) {
    Map<String, List<String>> out = new HashMap<>();
    jdbi.useHandle(h -> EventSessions.eventsOf(h, "e.session_id, e.context", sessionIds,
            " AND e.session_id IS NOT NULL", (rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)), true, q -> { })
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
    return out;
  }

  public List<String> services() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT service FROM spans WHERE service IS NOT NULL"
        + " ORDER BY service LIMIT 1000").mapTo(String.class).list());
  }

  public List<String> measurementNames() {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT name FROM measurements ORDER BY name LIMIT 1000")
        .mapTo(String.class).list());
  }
}
