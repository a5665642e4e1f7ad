package io.uxlens.server;

import io.uxlens.Refusal;
import io.uxlens.prometheus.IngestMetrics;

/** Counts requests an ingest route refuses as a whole, by source and reason, once each. */
final class IngestCounting {
  private IngestCounting() {}

  /** Store failures (503, 507) are not counted here: the routes count them per record where they happen. */
  static Route counted(IngestMetrics metrics, String source, Route route) {
    return call -> {
      try {
        return route.handle(call);
      } catch (Refusal e) {
        if (e.status() != 503 && e.status() != 507) {
          metrics.rejected(source, DurableWrite.reason(e.status()), 1);
        }
        throw e;
      }
    };
  }
}
