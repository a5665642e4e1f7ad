package io.uxlens.journey;

import io.uxlens.model.Attempt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Attempts across the retention horizon. Events older than the horizon may have been dropped, so a session
 * recomputed later would rebuild its old attempts from what is left: wrong, and their rollups would shrink. A
 * session's attempts starting before the horizon therefore stay as stored; the rebuilt ones replace only those
 * starting at or after it. A session with no stored attempt before the horizon (its old events arrived late, or were
 * imported) takes the rebuilt ones whole: they were built from events that are all still there.
 */
final class RetainedAttempts {
  private RetainedAttempts() {}

  /** Ids of the stored attempts that stay as they are. */
  static Set<String> keptIds(List<Attempt> stored, long horizon) {
    Set<String> ids = new HashSet<>();
    for (Attempt a : stored) {
      if (a.start() < horizon) {
        ids.add(a.id());
      }
    }
    return ids;
  }

  /** What the sessions hold after a recompute: stored attempts before the horizon, rebuilt ones from it on. */
  static List<Attempt> merge(List<Attempt> stored, List<Attempt> rebuilt, long horizon) {
    if (horizon == Long.MIN_VALUE) {
      return rebuilt;
    }
    Set<String> sessionsWithKept = new HashSet<>();
    List<Attempt> out = new ArrayList<>();
    for (Attempt a : stored) {
      if (a.start() < horizon) {
        sessionsWithKept.add(a.sessionKey());
        out.add(a);
      }
    }
    for (Attempt a : rebuilt) {
      if (a.start() >= horizon || !sessionsWithKept.contains(a.sessionKey())) {
        out.add(a);
      }
    }
    return out;
  }
}
