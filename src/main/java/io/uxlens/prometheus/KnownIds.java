package io.uxlens.prometheus;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label values a family may carry: ids declared up front (journey and step ids from the definitions,
 * catalogue metric ids). Anything else is reported as {@link #OTHER}, so a user id, a session id or a typo in an
 * event can never create a new time series. A hard cap keeps even a huge definitions file bounded.
 */
final class KnownIds {
  static final String OTHER = "other";

  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final int cap;

  KnownIds(int cap) {
    this.cap = cap;
  }

  /** Declares ids; returns false (and declares nothing more) once the cap is reached. */
  boolean addAll(Collection<String> values) {
    for (String v : values) {
      if (!add(v)) {
        return false;
      }
    }
    return true;
  }

  boolean add(String value) {
    if (value == null || value.isBlank() || value.equals(OTHER)) {
      return true;
    }
    if (ids.contains(value)) {
      return true;
    }
    if (ids.size() >= cap) {
      return false;
    }
    ids.add(value);
    return true;
  }

  /** The value itself when declared, otherwise {@code other}. */
  String label(String value) {
    return value != null && ids.contains(value) ? value : OTHER;
  }

  boolean contains(String value) {
    return value != null && ids.contains(value);
  }

  Set<String> snapshot() {
    return Set.copyOf(ids);
  }
}
