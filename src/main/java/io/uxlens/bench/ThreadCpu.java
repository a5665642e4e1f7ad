package io.uxlens.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM by what its threads do (request threads, the writer, the sessionizer, other background jobs,
 * and the rest: the bench's own clients, GC and the JIT), so a stage's cost can be split: which thread to make
 * cheaper, and whether the single writer or the sessionizer is the one that limits ingest.
 */
final class ThreadCpu {
  static final List<String> ROLES = List.of("request threads", "writer", "sessionizer", "other jobs",
      "clients, GC, JIT");

  private ThreadCpu() {}

  /** Nanoseconds of CPU so far per role; the last role is the process's total less every server thread's. */
  static Map<String, Long> snapshot() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new LinkedHashMap<>();
    ROLES.forEach(r -> out.put(r, 0L));
    long server = 0;
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = mx.getThreadCpuTime(info.getThreadId());
      String role = role(info.getThreadName());
      if (nanos <= 0 || role == null) {
        continue;
      }
      out.merge(role, nanos, Long::sum);
      server += nanos;
    }
    out.put(ROLES.get(4), Math.max(0, IngestBench.processCpuNanos() - server));
    return out;
  }

  /** CPU seconds per 100,000 events for each role between two snapshots. */
  static Map<String, Double> per100k(Map<String, Long> before, Map<String, Long> after, long events) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String role : ROLES) {
      long nanos = Math.max(0, after.get(role) - before.get(role));
      out.put(role, nanos / 1e9 * 100_000 / events);
    }
    return out;
  }

  /** The server's threads by name (see UxLensServer); null for the rest. */
  private static String role(String thread) {
    if (thread.startsWith("uxlens-http")) {
      return ROLES.get(0);
    }
    if (thread.equals("uxlens-writer")) {
      return ROLES.get(1);
    }
    if (thread.equals("uxlens-sessionizer")) {
      return ROLES.get(2);
    }
    return thread.startsWith("uxlens-") ? ROLES.get(3) : null;
  }
}
