package io.uxlens.server;

import io.uxlens.Refusal;
import io.uxlens.prometheus.RejectReason;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.StoreException;
import io.uxlens.store.Writer;
import io.uxlens.store.WriterOverloadedException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands a request's records to the writer and waits for their commit (a 200 is only sent after it), mapping store
 * trouble to retryable HTTP statuses.
 */
final class DurableWrite {
  private static final long COMMIT_WAIT_SECONDS = 30;

  private DurableWrite() {}

  static RecordBatch.Inserted commit(Writer writer, RecordBatch records) {
    if (records.size() == 0) {
      return RecordBatch.Inserted.NONE; // nothing to make durable: no writer round trip
    }
    try {
      return records.writeWith(writer).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the commit");
    } catch (TimeoutException e) {
      throw unavailable("the store did not commit within " + COMMIT_WAIT_SECONDS + " s; retry later");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Refusal api) {
        throw api;
      }
      if (io.uxlens.store.StoreFailures.diskFull(cause)) {
        throw new Refusal(507, "the store is full (database or disk): nothing of this request was stored; reads "
            + "still work; retry once space is freed", null, Map.of("Retry-After", "30"));
      }
      if (cause instanceof WriterOverloadedException) {
        throw unavailable(cause.getMessage());
      }
      if (cause instanceof StoreException) {
        throw unavailable("the store could not commit: " + cause.getMessage());
      }
      throw new IllegalStateException("write failed", cause);
    }
  }

  /** The metrics reason for an ingest request refused with {@code status}. */
  static RejectReason reason(int status) {
    return switch (status) {
      case 401, 403 -> RejectReason.UNAUTHORIZED;
      case 413 -> RejectReason.TOO_LARGE;
      case 429 -> RejectReason.RATE_LIMITED;
      case 502, 503, 504, 507 -> RejectReason.STORE_UNAVAILABLE;
      default -> RejectReason.MALFORMED_BODY;
    };
  }

  private static Refusal unavailable(String why) {
    return new Refusal(503, why, null, Map.of("Retry-After", "1"));
  }
}
