package io.uxlens.journey;

import java.util.List;

/**
 * A journey's KPIs over aligned buckets: {@code buckets} in time order (then group), each covering
 * [time, time + bucketMs). Buckets where no attempt started are absent. {@code groupBy} is null when unsplit (then
 * each bucket's group is ""), else the context key whose values the groups are ("unknown" when missing).
 */
public record KpiSeries(String journey, long bucketMs, String groupBy, List<KpiBucket> buckets) {
  public KpiSeries {
    buckets = List.copyOf(buckets);
  }
}
