package io.uxlens.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Samples of the JSON texts that carry context keys (event context, span attributes, measurement context),
 * newest first. Keys are discovered from a bounded sample so option lists stay cheap.
 */
public final class ContextReads {
  private final Jdbi jdbi;

  public ContextReads(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<String> eventContexts(int limit) {
    return texts("SELECT context FROM events ORDER BY seq DESC LIMIT :n", limit);
  }

  public List<String> spanAttributes(int limit) {
    return texts("SELECT attributes FROM spans ORDER BY seq DESC LIMIT :n", limit);
  }

  public List<String> measurementContexts(int limit) {
    return texts("SELECT context FROM measurements ORDER BY seq DESC LIMIT :n", limit);
  }

  private List<String> texts(String sql, int limit) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("n", limit).mapTo(String.class).list());
  }
}
