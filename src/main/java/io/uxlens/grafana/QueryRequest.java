package io.uxlens.grafana;

import java.util.List;
import java.util.Objects;

/**
 * Grafana's query request as the backend SDK models it: range, the panel's interval and width in points,
 * the targets and the dashboard's ad hoc filters (which apply to every target).
 */
public record QueryRequest(TimeRange range, long intervalMs, int maxDataPoints, List<Target> targets,
    List<AdHocFilter> filters) {

  public QueryRequest {
    Objects.requireNonNull(range, "range");
    targets = targets == null ? List.of() : List.copyOf(targets);
    filters = filters == null ? List.of() : List.copyOf(filters);
    if (intervalMs < 0) {
      throw new IllegalArgumentException("intervalMs must not be negative");
    }
    if (maxDataPoints < 0) {
      throw new IllegalArgumentException("maxDataPoints must not be negative");
    }
  }
}
