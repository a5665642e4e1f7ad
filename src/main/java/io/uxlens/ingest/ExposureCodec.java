package io.uxlens.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import io.uxlens.model.Exposure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads experiment exposures out of canonical events: a {@code track} whose name is the configured exposure
 * event and whose properties hold non-empty experiment and variant ids (strings or numbers). Anything else is
 * simply not an exposure (the event itself is still stored as an ordinary event). Pure: no I/O.
 */
public final class ExposureCodec {
  private static final int MAX_ID = 200;

  private ExposureCodec() {}

  public static Optional<Exposure> fromEvent(Event e, ExposureConfig config) {
    if (!"track".equals(e.type()) || !config.eventName().equals(e.name())) {
      return Optional.empty();
    }
    JsonNode props;
    try {
      props = Json.MAPPER.readTree(e.properties());
    } catch (JsonProcessingException ex) {
      return Optional.empty();
    }
    String experiment = id(props, config.experimentProperty());
    String variant = id(props, config.variantProperty());
    if (experiment == null || variant == null) {
      return Optional.empty();
    }
    String unit = e.userId() != null && !e.userId().isBlank() ? e.userId() : e.anonymousId();
    if (unit == null || unit.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Exposure(experiment, variant, unit, e.sessionId(), e.timestamp()));
  }

  /** The exposures among a batch, in order; stored in the same transaction as the events (RecordBatch). */
  public static List<Exposure> fromEvents(List<Event> events, ExposureConfig config) {
    List<Exposure> out = new ArrayList<>();
    for (Event e : events) {
      fromEvent(e, config).ifPresent(out::add);
    }
    return out;
  }

  private static String id(JsonNode props, String field) {
    JsonNode n = props == null ? null : props.get(field);
    if (n == null || !(n.isTextual() || n.isIntegralNumber())) {
      return null;
    }
    String s = n.asText().strip();
    return s.isEmpty() || s.length() > MAX_ID ? null : s;
  }
}
