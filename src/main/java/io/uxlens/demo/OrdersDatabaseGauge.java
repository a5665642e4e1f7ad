package io.uxlens.demo;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The demo's stand-in for a system series that lives in Prometheus, not in UX Lens: the CPU of the orders database
 * checkout depends on, exposed on the demo server's /metrics as {@code uxlens_demo_orders_db_cpu_ratio} (0..1).
 * It is high while the database is slow ({@link DemoTimeline#incident}: the live slowdowns that also fail
 * checkouts), so Prometheus scraping it and {@code correlation.system} reading it back find the two moving together.
 */
final class OrdersDatabaseGauge {
  static final String NAME = "uxlens_demo_orders_db_cpu_ratio";

  private OrdersDatabaseGauge() {}

  static void register(PrometheusRegistry registry, DemoTimeline timeline, LongSupplier clock) {
    GaugeWithCallback.builder().name(NAME)
        .help("Demo only: simulated CPU use of the orders database (high during its slowdowns)")
        .callback(cb -> cb.call(value(timeline, clock.getAsLong()))).register(registry);
  }

  /** About 0.9 while slow, about 0.3 otherwise, with a small deterministic wobble per 15 s. */
  static double value(DemoTimeline timeline, long t) {
    double wobble = 0.05 * Math.sin(Math.floorDiv(t, 15_000L) * 0.7);
    return Math.round(((timeline.incident(t) ? 0.88 : 0.3) + wobble) * 1000) / 1000.0;
  }
}
