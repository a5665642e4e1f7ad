package io.uxlens.server;

/**
 * Read access beyond the Grafana endpoints (which {@link GrafanaRoutes} guards): the status details (record counts,
 * newest event time, store size, sessionizer progress) need the read token, and {@code /metrics} the metrics token,
 * when those are set. {@code /healthz} and {@code /readyz} stay open for probes: they reveal nothing stored.
 */
final class AccessRules {
  static final String STATUS_PATH = "/api/v1/status";
  static final String METRICS_PATH = "/metrics";

  private final ReadToken read;
  private final ReadToken metrics;

  AccessRules(ReadToken read, ReadToken metrics) {
    this.read = read;
    this.metrics = metrics;
  }

  void register(Router router) {
    router.filter(call -> {
      String path = call.path();
      if (path.equals(STATUS_PATH)) {
        read.check(call);
      } else if (path.equals(METRICS_PATH)) {
        metrics.check(call);
      }
      return null;
    });
  }
}
