package io.uxlens.server;

import io.uxlens.ingest.PiiMask;
import io.uxlens.store.RecordBatch;

/**
 * What every ingest route applies to its records between decoding and the commit: the per write key rate limit
 * (refused whole with 429 before anything is stored) and, with {@code --mask-pii}, the personal-data mask, so
 * unmasked text never reaches the writer.
 */
final class IngestGuard {
  static final IngestGuard OPEN = new IngestGuard(new RateLimiter(RateLimiter.Limit.NONE), null);
  /** The bucket of callers without a write key (open ingest, Faro's page key): they share one limit. */
  static final String NO_KEY = "";

  private final RateLimiter limiter;
  private final PiiMask mask;

  IngestGuard(RateLimiter limiter, PiiMask mask) {
    this.limiter = limiter;
    this.mask = mask;
  }

  /** The batch to commit for this call: rate limited by its write key, masked when masking is on. */
  RecordBatch admit(HttpCall call, RecordBatch batch) {
    String key = call.writeKey();
    limiter.take(key == null ? NO_KEY : key, offered(batch));
    if (mask == null) {
      return batch;
    }
    return new RecordBatch(mask.events(batch.events()), mask.spans(batch.spans()),
        mask.measurements(batch.measurements()), mask.feedback(batch.feedback()), mask.exposures(batch.exposures()),
        mask.annotations(batch.annotations()));
  }

  /**
   * Records the client sent: feedback and exposures a Segment event carries are part of that event, not extra.
   */
  private static int offered(RecordBatch b) {
    int primary = b.events().size() + b.spans().size() + b.measurements().size() + b.annotations().size();
    return b.events().isEmpty() ? primary + b.feedback().size() : primary;
  }
}
