package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attempts across the retention horizon. Events older than the horizon may have been dropped, so a session
 * recomputed later would rebuild its old attempts from what is left: wrong, and their rollups would shrink. A
 * session's attempts starting before the horizon therefore stay as stored; the rebuilt ones replace only those
 * starting at or after it. A session with no stored attempt before the horizon (its old events arrived late, or were
 * imported) takes the rebuilt ones whole: they were built from events that are all still there. A kept attempt
 * still in progress whose deadline has passed ends as the builder would end it: abandoned at its last event.
 */
final class RetainedAttempts {
  private RetainedAttempts() {}

  /** What the sessions hold after a recompute: stored attempts before the horizon, rebuilt ones from it on. */
  static List<Attempt> merge(List<Attempt> stored, List<Attempt> rebuilt, long horizon, long newestSeen) {
    if (horizon == Long.MIN_VALUE) {
      return rebuilt;
    }
    Set<String> sessionsWithKept = new HashSet<>();
    List<Attempt> out = new ArrayList<>();
    for (Attempt a : stored) {
      if (a.start() < horizon) {
        sessionsWithKept.add(a.sessionKey());
        out.add(a.deadline() != null && a.deadline() <= newestSeen ? abandoned(a) : a);
      }
    }
    for (Attempt a : rebuilt) {
      if (a.start() >= horizon || !sessionsWithKept.contains(a.sessionKey())) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Ids of the stored attempts that {@code merged} holds unchanged: neither their rows nor their rollup buckets need
   * a write (a recomputed session usually changes one attempt, if any). Ids are the attempts' keys, so each stored
   * attempt is compared with the merged one of its id only, field by field; hashing whole attempts (their steps,
   * context and window spans) cost the writer more than the comparison.
   */
  static Set<String> unchangedIds(List<Attempt> stored, List<Attempt> merged) {
    Map<String, Attempt> byId = new HashMap<>();
    for (Attempt a : stored) {
      byId.put(a.id(), a);
    }
    Set<String> out = new HashSet<>();
    for (Attempt m : merged) {
      if (m.equals(byId.get(m.id()))) {
        out.add(m.id());
      }
    }
    return out;
  }

  private static Attempt abandoned(Attempt a) {
    return new Attempt(a.id(), a.journey(), a.sessionKey(), a.sessionId(), a.userId(), a.start(), a.lastEvent(),
        a.lastEvent(), null, Outcome.ABANDONED, a.lastStepIndex(), a.lastStepId(), a.stepTimes(), a.errorCount(),
        a.errorSteps(), a.context(), a.performance(), a.lastSeen(), a.windowSpans());
  }
}
