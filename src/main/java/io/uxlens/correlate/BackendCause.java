package io.uxlens.correlate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import io.uxlens.model.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend operation (service, span name) behind a bottleneck: among the spans in the step's windows
 * ({@link StepWindows}), the operation whose latency or error rate differs most between the attempts lost there and
 * those that reached the step. Latency difference = (p95 lost - p95 reached) / the largest p95 of the lost
 * attempts' operations (a slowdown matters in proportion to the wait it causes, so a 5 ms query doubling does not
 * beat a request that went from 12 s to 94 s); error difference = error rate lost - error rate reached. The larger
 * of the two is the operation's difference; only operations seen on both sides and worse in the lost attempts
 * qualify. p95 from DDSketch (1% relative accuracy); an error is status error or HTTP 5xx.
 */
public final class BackendCause {
  private static final double RELATIVE_ACCURACY = 0.01;

  private BackendCause() {}

  public record Operation(String service, String name, long lostSpans, long reachedSpans, double p95LostMs,
                          double p95ReachedMs, double errorRateLost, double errorRateReached, double difference) {}

  /** The operation that differs most, or null when none is worse in the lost attempts. */
  static Operation of(StepWindows.Spans spans) {
    Map<Key, Side> lost = sides(spans.lost());
    Map<Key, Side> reached = sides(spans.reached());
    double slowest = lost.values().stream().mapToDouble(Side::p95).max().orElse(0);
    Operation best = null;
    for (Map.Entry<Key, Side> e : lost.entrySet()) {
      Side l = e.getValue();
      Side r = reached.get(e.getKey());
      if (r == null) {
        continue;
      }
      double latency = slowest <= 0 ? 0 : (l.p95() - r.p95()) / slowest;
      double errors = l.errorRate() - r.errorRate();
      double difference = Math.max(latency, errors);
      if (difference > 0 && (best == null || difference > best.difference())) {
        best = new Operation(e.getKey().service(), e.getKey().name(), l.count, r.count, l.p95(), r.p95(),
            l.errorRate(), r.errorRate(), difference);
      }
    }
    return best;
  }

  /** An operation: a span name within a service. */
  private record Key(String service, String name) {}

  private static Map<Key, Side> sides(List<Span> spans) {
    Map<Key, Side> out = new LinkedHashMap<>();
    for (Span s : spans) {
      out.computeIfAbsent(new Key(s.service() == null ? "unknown" : s.service(), s.name()), k -> new Side()).add(s);
    }
    return out;
  }

  /** One operation's spans on one side. */
  private static final class Side {
    final DDSketch durations = DDSketches.unboundedDense(RELATIVE_ACCURACY);
    long count;
    long errors;

    void add(Span s) {
      durations.accept(s.durationMs());
      count++;
      errors += s.error() || (s.httpStatus() != null && s.httpStatus() >= 500) ? 1 : 0;
    }

    double p95() {
      return durations.getValueAtQuantile(0.95);
    }

    double errorRate() {
      return (double) errors / count;
    }
  }
}
