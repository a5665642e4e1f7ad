package io.uxlens.server;

import io.uxlens.Refusal;
import java.util.Map;

/**
 * Admission at the door, before a body is read: every POST reserves its size (Content-Length, or the endpoint's
 * limit when the length is not declared or is over it) from a budget and gives it back once answered. Ingest has a
 * small budget of its own ({@value #INGEST_BYTES} bytes, about a second of the writer's work on a small machine), so a
 * burst far above capacity is answered at once with 503 and Retry-After instead of queueing behind the writer until
 * clients time out; reads (Grafana's posted queries) share a larger one. Memory held by request bodies is bounded by
 * the two budgets. A body larger than its budget is still taken when nothing else is in hand, so no valid request is
 * refused for ever.
 */
final class BodyBudget {
  /** Ingest bodies in hand at most: what the writer commits in about a second here (docs/OPERATIONS.md). */
  static final long INGEST_BYTES = 4L * 1024 * 1024;
  /** Other posted bodies (Grafana queries) in hand at most. */
  static final long OTHER_BYTES = 16L * 1024 * 1024;
  private static final String RESERVED = "uxlens.bodyBudget";

  private final Pool ingest = new Pool("ingest", INGEST_BYTES);
  private final Pool other = new Pool("query", OTHER_BYTES);

  /** One budget: bytes in hand, admitted while under the budget (or when empty). */
  private static final class Pool {
    final String name;
    final long budget;
    long inHand;

    Pool(String name, long budget) {
      this.name = name;
      this.budget = budget;
    }

    synchronized boolean take(long bytes) {
      if (inHand > 0 && inHand + bytes > budget) {
        return false;
      }
      inHand += bytes;
      return true;
    }

    synchronized void give(long bytes) {
      inHand -= bytes;
    }
  }

  private record Reservation(Pool pool, long bytes) {}

  void register(Router router) {
    router.filter(call -> {
      if (!"POST".equals(call.method())) {
        return null;
      }
      String path = call.path();
      boolean ingestPath = !path.startsWith("/grafana");
      Pool pool = ingestPath ? ingest : other;
      long bytes = reserve(call, limitOf(path));
      if (!pool.take(bytes)) {
        throw new Refusal(503, "the server is at capacity (" + Limits.human((int) pool.budget) + " of " + pool.name
            + " request bodies in hand); retry after 1 s", "body", Map.of("Retry-After", "1"));
      }
      call.attribute(RESERVED, new Reservation(pool, bytes));
      return null;
    });
    router.after((call, reply) -> {
      if (call.attribute(RESERVED) instanceof Reservation r) {
        call.attribute(RESERVED, null);
        r.pool().give(r.bytes());
      }
      return reply;
    });
  }

  /** Bytes to hold for this call: what it declares, at most its endpoint's limit. */
  private static long reserve(HttpCall call, long limit) {
    String declared = call.header("Content-Length");
    if (declared == null) {
      return limit;
    }
    try {
      return Math.max(1, Math.min(limit, Long.parseLong(declared.trim())));
    } catch (NumberFormatException e) {
      return limit;
    }
  }

  private static long limitOf(String path) {
    if (path.equals("/v1/traces")) {
      return Limits.OTLP_BODY_BYTES;
    }
    if (path.equals("/collect")) {
      return Limits.FARO_BODY_BYTES;
    }
    if (path.equals("/v1/batch") || path.equals("/v1/import")) {
      return Limits.SEGMENT_BATCH_BYTES;
    }
    if (path.startsWith("/v1/")) {
      return Limits.SEGMENT_EVENT_BYTES;
    }
    return Limits.JSON_BODY_BYTES;
  }
}
