package io.uxlens.model;

import java.util.Objects;

/**
 * A server or browser span in canonical form. Times are epoch milliseconds (start) and milliseconds (duration,
 * fractional). {@code status} is "ok", "error" or "unset"; {@code attributes} is a JSON object text.
 */
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String sessionId,
    String service,
    String name,
    String kind,
    long start,
    double durationMs,
    String status,
    Integer httpStatus,
    String dbSystem,
    String attributes) {

  public Span {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(name, "name");
    if (durationMs < 0) {
      throw new IllegalArgumentException("durationMs must not be negative");
    }
    status = status == null ? "unset" : status;
    attributes = attributes == null ? "{}" : attributes;
  }

  /**
   * This span as the timing reads see it: session, operation (service, name), start, duration, status and HTTP
   * status; ids, kind, database and attributes left out. What attempts keep of the spans in their window.
   */
  public Span timing() {
    return new Span("", "", null, sessionId, service, name, null, start, durationMs, status, httpStatus, null, null);
  }

  public boolean error() {
    return "error".equals(status);
  }
}
