package io.uxlens.query.perf;

import io.uxlens.query.MetricQuery;
import io.uxlens.query.Series;
import io.uxlens.store.TelemetryRollupStore.Detail;
import io.uxlens.telemetry.TelemetryRollups;
import io.uxlens.telemetry.TelemetrySeries;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The perf metrics' answer from the telemetry rollups, when they can give it: no ad hoc filters, a group_by that is
 * one of the span columns kept (service, span.name, db.system, http.status_code, span.status) or none, a service
 * option only alone or with group_by=service, and whole-minute buckets. Anything else (session context, attributes)
 * reads the rows themselves.
 */
final class PerfRollups {
  private final TelemetrySeries series;

  PerfRollups(TelemetrySeries series) {
    this.series = series;
  }

  /** Fills {@code out} with span cells read with {@code detail}; false when the rollups cannot answer this query. */
  <A> boolean spans(MetricQuery q, String groupBy, String service, Detail detail, Series<A> out,
                    BiConsumer<A, TelemetrySeries.Cell> add) {
    if (!q.filters().isEmpty() || (groupBy != null && !TelemetryRollups.SPAN_DIMS.contains(groupBy))
        || (service != null && groupBy != null && !groupBy.equals("service"))) {
      return false;
    }
    String dim = service != null ? "service" : groupBy;
    Optional<Map<String, TelemetrySeries.Cell[]>> cells = series.spans(dim,
        v -> service == null || v.equals(service), q.range().fromMs(), q.range().toMs(), grid(q), detail);
    if (cells.isEmpty()) {
      return false;
    }
    cells.get().forEach((value, buckets) -> {
      Map<String, String> labels = groupBy == null ? Map.of() : Map.of(groupBy, value);
      fill(q, out, labels, buckets, add);
    });
    return true;
  }

  /** Fills {@code out} with one measurement name's cells under {@code labels}; false when it cannot. */
  <A> boolean measurements(MetricQuery q, String name, Map<String, String> labels, Detail detail, Series<A> out,
                           BiConsumer<A, TelemetrySeries.Cell> add) {
    if (!q.filters().isEmpty()) {
      return false;
    }
    Optional<TelemetrySeries.Cell[]> cells = series.measurements(name, q.range().fromMs(), q.range().toMs(),
        grid(q), detail);
    cells.ifPresent(buckets -> fill(q, out, labels, buckets, add));
    return cells.isPresent();
  }

  private static io.uxlens.model.BucketGrid grid(MetricQuery q) {
    return new io.uxlens.model.BucketGrid(q.buckets().startMs(), q.buckets().stepMs(), q.buckets().count());
  }

  private static <A> void fill(MetricQuery q, Series<A> out, Map<String, String> labels,
                               TelemetrySeries.Cell[] buckets, BiConsumer<A, TelemetrySeries.Cell> add) {
    for (int i = 0; i < buckets.length; i++) {
      if (buckets[i] != null) {
        add.accept(out.at(labels, q.buckets().time(i)), buckets[i]);
      }
    }
  }
}
