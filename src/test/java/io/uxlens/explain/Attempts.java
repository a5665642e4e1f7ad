package io.uxlens.explain;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.util.List;
import java.util.Map;

/** Finished attempts with a context, built by hand for the drivers tests. */
final class Attempts {
  private static int next;

  private Attempts() {}

  static Attempt of(long start, boolean completed, boolean error, Map<String, String> context) {
    return of(start, completed, error, context, null, 60_000);
  }

  static Attempt of(long start, boolean completed, boolean error, Map<String, String> context, Double latencyMs,
      long durationMs) {
    String id = "a" + (next++);
    Performance p = latencyMs == null ? Performance.NONE
        : new Performance(1, latencyMs, latencyMs, 0, 0, 0, null, null, null, null, null);
    return new Attempt(id, "j", "s" + id, "s" + id, "u" + id, start, start + durationMs, start + durationMs, null,
        completed ? Outcome.COMPLETED : Outcome.ABANDONED, completed ? 1 : 0, completed ? "done" : "start",
        completed ? List.of(start, start + durationMs) : List.of(start), error ? 1 : 0,
        error ? List.of("start") : List.of(), context, p);
  }
}
