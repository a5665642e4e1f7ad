package io.uxlens.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo generator produces: wire-neutral telemetry records. The sender turns them into Segment, OTLP,
 * Faro, feedback and annotation requests; the generator never knows a wire format. Times are epoch milliseconds.
 */
public sealed interface DemoRecord
    permits DemoRecord.Track, DemoRecord.SpanRecord, DemoRecord.Vitals, DemoRecord.FeedbackItem,
    DemoRecord.Note {

  long time();

  /** The session the record belongs to; null for annotations. */
  String sessionId();

  /** The device and app a session runs on: becomes Segment context, Faro meta and span resource attributes. */
  record Client(String appVersion, String device, String os, String country, String locale) {
    public Client {
      Objects.requireNonNull(appVersion, "appVersion");
      Objects.requireNonNull(device, "device");
    }

    /** The user-agent string a browser on this OS sends (the usual browser of each platform); null without an OS. */
    public String userAgent() {
      if (os == null) {
        return null;
      }
      return switch (os) {
        case "iOS" -> "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/18.1 Mobile/15E148 Safari/604.1";
        case "Android" -> "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Mobile Safari/537.36";
        case "macOS" -> "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
            + " Version/18.1 Safari/605.1.15";
        default -> "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";
      };
    }
  }

  /** A product analytics event (a Segment {@code track}). */
  record Track(long time, String messageId, String userId, String sessionId, String name,
               Map<String, Object> properties, Client client) implements DemoRecord {
    public Track {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(name, "name");
      properties = frozen(properties);
    }
  }

  /** A server span. {@code kind}: server, client or internal. */
  record SpanRecord(long time, String traceId, String spanId, String parentSpanId, String sessionId,
                    String service, String name, String kind, double durationMs, boolean error,
                    Integer httpStatus, String dbSystem, String route, Client client) implements DemoRecord {
    public SpanRecord {
      Objects.requireNonNull(traceId, "traceId");
      Objects.requireNonNull(spanId, "spanId");
      if (durationMs < 0) {
        throw new IllegalArgumentException("durationMs must not be negative");
      }
    }

    public long endNanos() {
      return time * 1_000_000L + Math.round(durationMs * 1_000_000d);
    }
  }

  /** Browser measurements of one page view (web vitals in ms, cls unitless, memory in MB). */
  record Vitals(long time, String sessionId, String userId, String page, Map<String, Double> values,
                Client client) implements DemoRecord {
    public Vitals {
      Objects.requireNonNull(sessionId, "sessionId");
      values = frozen(values);
    }
  }

  /** Feedback: kind nps (0-10), csat (1-5), ces (1-7), text or ticket. */
  record FeedbackItem(long time, String id, String kind, Integer score, String text, String userId,
                      String sessionId, String journey, List<String> tags) implements DemoRecord {
    public FeedbackItem {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /** An annotation: deploys, rollbacks, incidents, experiment starts. */
  record Note(long time, Long timeEnd, String id, String title, String text, List<String> tags)
      implements DemoRecord {
    public Note {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String sessionId() {
      return null;
    }
  }

  /** Insertion-ordered and unmodifiable, so the wire output is stable and records compare by value. */
  private static <V> Map<String, V> frozen(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
