package io.uxlens.model;

import java.util.Objects;

/**
 * A user-behaviour event in canonical form, whatever wire format it arrived in.
 * {@code properties} and {@code context} are JSON object texts: stored as-is, parsed only where needed.
 */
public record Event(
    String id,
    String source,
    String type,
    String name,
    long timestamp,
    long receivedAt,
    String userId,
    String anonymousId,
    String sessionId,
    String properties,
    String context) {
  /** The name a browser's uncaught error is stored under (Faro exceptions): journeys count them per attempt. */
  public static final String BROWSER_EXCEPTION = "$exception";


  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    if (userId == null && anonymousId == null) {
      throw new IllegalArgumentException("userId or anonymousId is required");
    }
    properties = properties == null ? "{}" : properties;
    context = context == null ? "{}" : context;
  }
}
