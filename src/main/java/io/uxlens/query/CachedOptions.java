package io.uxlens.query;

import io.uxlens.grafana.Payload;
import java.util.List;
import java.util.function.Supplier;

/**
 * An option source that does not depend on the payload (services seen, annotation tags), re-read at most every
 * {@code ttlMs}: validation runs on every query, and a DISTINCT over a large table must not.
 */
public final class CachedOptions implements OptionSource {
  private final Supplier<List<OptionValue>> load;
  private final long ttlMs;
  private volatile long loadedAt;
  private volatile List<OptionValue> values;

  public CachedOptions(Supplier<List<OptionValue>> load, long ttlMs) {
    this.load = load;
    this.ttlMs = ttlMs;
  }

  @Override
  public List<OptionValue> options(Payload payload) {
    long now = System.currentTimeMillis();
    List<OptionValue> v = values;
    if (v == null || now - loadedAt > ttlMs) {
      v = List.copyOf(load.get());
      values = v;
      loadedAt = now;
    }
    return v;
  }
}
