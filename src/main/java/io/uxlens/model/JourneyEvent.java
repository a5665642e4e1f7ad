package io.uxlens.model;

import java.util.Map;
import java.util.Objects;

/**
 * What the sessionizer needs of a stored event: its name, time, the session it belongs to ({@code sessionKey} is the
 * session id, or {@code user:<id>} when the event carries none), flattened properties for step predicates, and the
 * context dimensions attempts are split by.
 */
public record JourneyEvent(
    String id,
    String name,
    long timestamp,
    String sessionKey,
    String sessionId,
    String userId,
    Map<String, String> properties,
    Map<String, String> dimensions) {

  public JourneyEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sessionKey, "sessionKey");
    properties = properties == null ? Map.of() : properties;
    dimensions = dimensions == null ? Map.of() : dimensions;
  }

  /** The key an event is sessionized under: its session, else its user. */
  public static String sessionKey(String sessionId, String userId, String anonymousId) {
    if (sessionId != null) {
      return sessionId;
    }
    return "user:" + (userId != null ? userId : anonymousId);
  }
}
