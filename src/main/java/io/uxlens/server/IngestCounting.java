package io.uxlens.server;

import io.uxlens.ingest.MalformedBodyException;
import io.uxlens.metrics.IngestMetrics;
import io.uxlens.metrics.RejectReason;

/** Counts requests an ingest route refuses as a whole, by source and reason, once each. */
final class IngestCounting {
  private IngestCounting() {}

  /** Store failures (503) are not counted here: the routes count them per record where they happen. */
  static Route counted(IngestMetrics metrics, String source, Route route) {
    return call -> {
      try {
        return route.handle(call);
      } catch (ApiException e) {
        if (e.status() != 503) {
          metrics.rejected(source, Ingest.reason(e.status()), 1);
        }
        throw e;
      } catch (MalformedBodyException e) {
        metrics.rejected(source, e.tooLarge() ? RejectReason.TOO_LARGE : RejectReason.MALFORMED_BODY, 1);
        throw e;
      }
    };
  }
}
