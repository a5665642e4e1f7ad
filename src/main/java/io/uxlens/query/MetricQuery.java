package io.uxlens.query;

import io.uxlens.grafana.AdHocFilter;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a metric is asked: range, buckets, its validated payload (defaults applied) and the ad hoc filters. */
public record MetricQuery(String refId, TimeRange range, Buckets buckets, Payload payload,
    List<AdHocFilter> filters) {

  public MetricQuery {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(buckets, "buckets");
    payload = payload == null ? Payload.EMPTY : payload;
    filters = filters == null ? List.of() : List.copyOf(filters);
  }

  /** True when the dimensions pass every ad hoc filter. */
  public boolean accepts(Map<String, String> dims) {
    for (AdHocFilter f : filters) {
      if (!f.matches(dims)) {
        return false;
      }
    }
    return true;
  }
}
