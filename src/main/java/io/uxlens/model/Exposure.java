package io.uxlens.model;

import java.util.Objects;

/**
 * A unit seeing a variant. {@code unitId} is the randomisation unit: the user id, else the anonymous id.
 * {@code sessionId} may be null. {@code timestamp} is epoch milliseconds (event time).
 */
public record Exposure(String experiment, String variant, String unitId, String sessionId, long timestamp) {
  public Exposure {
    requireText(experiment, "experiment");
    requireText(variant, "variant");
    requireText(unitId, "unitId");
    if (sessionId != null && sessionId.isEmpty()) {
      sessionId = null;
    }
  }

  private static void requireText(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
