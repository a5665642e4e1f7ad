package io.uxlens.query.perf;

import io.uxlens.json.Flatten;
import io.uxlens.query.CachedOptions;
import io.uxlens.query.ContextIndex;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.OptionValue;
import io.uxlens.query.PayloadOption;
import io.uxlens.store.PerfReads.MeasurementRow;
import io.uxlens.store.PerfReads.SpanRow;
import io.uxlens.store.PerfReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Spans and measurements with their dimensions: the row's own columns (service, span.name, span.status,
 * http.status_code, db.system), its attributes or context, and the merged context of its session's events
 * (app.version, device...). Own columns win over session context. Ad hoc filters apply here.
 */
public final class PerfData {
  /** Group value for rows that lack the group_by key. */
  public static final String NONE = "(none)";

  private final PerfReads reads;
  private final ContextIndex contexts;
  private final OptionSource services;

  public record Point<R>(R row, Map<String, String> dims) {}

  public PerfData(PerfReads reads, ContextIndex contexts) {
    this.reads = Objects.requireNonNull(reads);
    this.contexts = Objects.requireNonNull(contexts);
    this.services = new CachedOptions(() -> reads.services().stream().map(OptionValue::of).toList(),
        ContextIndex.TTL_MS);
  }

  public List<Point<SpanRow>> spans(MetricQuery q, String service) {
    List<SpanRow> rows = reads.spans(q.range().fromMs(), q.range().toMs(), service);
    boolean dims = needsDims(q);
    Map<String, Map<String, String>> sessions = dims
        ? sessionDims(rows.stream().map(SpanRow::sessionId)) : Map.of();
    List<Point<SpanRow>> out = new ArrayList<>(rows.size());
    for (SpanRow r : rows) {
      Map<String, String> d = Map.of();
      if (dims) {
        d = new HashMap<>(sessions.getOrDefault(r.sessionId(), Map.of()));
        d.putAll(Flatten.object(r.attributes()));
        put(d, "service", r.service());
        put(d, "span.name", r.name());
        put(d, "span.status", r.error() ? "error" : "ok");
        put(d, "http.status_code", r.httpStatus() == null ? null : r.httpStatus().toString());
        put(d, "db.system", r.dbSystem());
      }
      if (q.accepts(d)) {
        out.add(new Point<>(r, d));
      }
    }
    return out;
  }

  public List<Point<MeasurementRow>> measurements(MetricQuery q, List<String> names) {
    List<MeasurementRow> rows = reads.measurements(q.range().fromMs(), q.range().toMs(), names);
    boolean dims = needsDims(q);
    Map<String, Map<String, String>> sessions = dims
        ? sessionDims(rows.stream().map(MeasurementRow::sessionId)) : Map.of();
    List<Point<MeasurementRow>> out = new ArrayList<>(rows.size());
    for (MeasurementRow r : rows) {
      Map<String, String> d = Map.of();
      if (dims) {
        d = new HashMap<>(sessions.getOrDefault(r.sessionId(), Map.of()));
        d.putAll(Flatten.object(r.context()));
      }
      if (q.accepts(d)) {
        out.add(new Point<>(r, d));
      }
    }
    return out;
  }

  /** Choices for group_by: the span columns (for span metrics) plus every context key seen. */
  public OptionSource groupByKeys(boolean spans) {
    return payload -> {
      Set<String> keys = new LinkedHashSet<>(spans ? List.of("service", "span.name", "span.status",
          "http.status_code", "db.system") : List.of());
      keys.addAll(contexts.keys());
      return keys.stream().map(OptionValue::of).toList();
    };
  }

  /** The service option: services seen in spans; one not seen yet selects nothing. */
  public PayloadOption serviceOption() {
    return PayloadOption.select("service", "Service", services, "only spans of this service (default: all)")
        .seenInData();
  }

  /** The group_by option, over span keys ({@code spans}) or measurement context keys. */
  public PayloadOption groupByOption(boolean spans) {
    return PayloadOption.select("group_by", "Group by", groupByKeys(spans),
        "split into one series per value of this key");
  }

  /** Choices for service: services seen in spans. */
  public OptionSource services() {
    return services;
  }

  /** Labels of a point for an optional group_by key. */
  public static Map<String, String> labels(Map<String, String> dims, String groupBy) {
    return groupBy == null ? Map.of() : Map.of(groupBy, dims.getOrDefault(groupBy, NONE));
  }

  private static boolean needsDims(MetricQuery q) {
    return !q.filters().isEmpty() || q.payload().first("group_by").isPresent();
  }

  /** Each session's context: its events' contexts merged in arrival order, so later values win. */
  private Map<String, Map<String, String>> sessionDims(java.util.stream.Stream<String> sessionIds) {
    Set<String> ids = new LinkedHashSet<>();
    sessionIds.filter(Objects::nonNull).forEach(ids::add);
    Map<String, Map<String, String>> out = new HashMap<>();
    reads.sessionContexts(ids).forEach((id, texts) -> {
      Map<String, String> merged = new HashMap<>();
      texts.forEach(t -> merged.putAll(Flatten.object(t)));
      out.put(id, merged);
    });
    return out;
  }

  private static void put(Map<String, String> d, String k, String v) {
    if (v != null) {
      d.put(k, v);
    }
  }
}
