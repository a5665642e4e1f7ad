package io.uxlens.prometheus;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Collection;

/** Query latency by catalogue metric id; ids not declared with {@link #known} are {@code other}. */
public final class QueryMetrics {
  private static final int MAX_METRICS = 200;

  private final KnownIds metrics = new KnownIds(MAX_METRICS);
  private final Histogram latency;

  QueryMetrics(PrometheusRegistry registry) {
    latency = Histogram.builder().name("uxlens_query_duration_seconds").unit(Unit.SECONDS)
        .help("Time to answer one query target, by catalogue metric").labelNames("metric")
        .classicOnly()
        .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
  }

  /** Declares the catalogue's metric ids, e.g. {@code metrics.queries().known(catalogue.ids())}. */
  public QueryMetrics known(Collection<String> metricIds) {
    if (!metrics.addAll(metricIds)) {
      throw new IllegalStateException("more than " + MAX_METRICS + " catalogue metrics");
    }
    return this;
  }

  public void observe(String metric, double seconds) {
    if (Double.isFinite(seconds) && seconds >= 0) {
      latency.labelValues(metrics.label(metric)).observe(seconds);
    }
  }

  /** {@code try (var t = metrics.queries().time(id)) { ... }} observes the block's duration. */
  public Timer time(String metric) {
    return new Timer(this, metric, System.nanoTime());
  }

  /** Observes the time since it was started when closed. */
  public record Timer(QueryMetrics owner, String metric, long startNanos) implements AutoCloseable {
    @Override
    public void close() {
      owner.observe(metric, (System.nanoTime() - startNanos) / 1e9);
    }
  }
}
