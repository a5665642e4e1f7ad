package io.uxlens.query;

import io.uxlens.json.Flatten;
import io.uxlens.store.ContextReads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Context keys actually seen in the data and their values, from bounded samples of event contexts, span
 * attributes and measurement contexts (dotted keys such as {@code app.version}). Feeds ad hoc filter keys,
 * group_by choices and variables. Re-read at most every {@link #TTL_MS} so editors stay cheap.
 */
public final class ContextIndex {
  static final int SAMPLE = 2_000;
  public static final long TTL_MS = 5_000;
  private static final int MAX_VALUES = 500;

  private final ContextReads reads;
  private volatile Snapshot snapshot;

  private record Snapshot(long at, Map<String, TreeSet<String>> values) {}

  public ContextIndex(ContextReads reads) {
    this.reads = reads;
  }

  /** Keys seen in events, spans and measurements, sorted. */
  public List<String> keys() {
    return List.copyOf(current().values().keySet());
  }

  /** Values seen for a key, sorted; empty for a key never seen. */
  public List<String> values(String key) {
    TreeSet<String> vs = current().values().get(key);
    return vs == null ? List.of() : List.copyOf(vs);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    long now = System.currentTimeMillis();
    if (s == null || now - s.at() > TTL_MS) {
      s = new Snapshot(now, load());
      snapshot = s;
    }
    return s;
  }

  private Map<String, TreeSet<String>> load() {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (List<String> texts : List.of(reads.eventContexts(SAMPLE), reads.spanAttributes(SAMPLE),
        reads.measurementContexts(SAMPLE))) {
      for (String t : texts) {
        Flatten.object(t).forEach((k, v) -> {
          TreeSet<String> set = out.computeIfAbsent(k, x -> new TreeSet<>());
          if (set.size() < MAX_VALUES) {
            set.add(v);
          }
        });
      }
    }
    return out;
  }

  /** Drops the cached sample (tests and writers that know the data changed). */
  public void invalidate() {
    snapshot = null;
  }
}
