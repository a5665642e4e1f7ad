package io.uxlens.server;

/** Request-size limits, from the wire contracts (docs/CONTRACTS.md "Limits"). */
public final class Limits {
  /** Segment: one event, or a single-event call. */
  public static final int SEGMENT_EVENT_BYTES = 32 * 1024;
  /** Segment: one batch call. */
  public static final int SEGMENT_BATCH_BYTES = 500 * 1024;
  /** Segment: events in one batch. */
  public static final int SEGMENT_BATCH_EVENTS = 2_500;
  /** Anything else posted as JSON (feedback, annotations, Grafana queries). */
  public static final int JSON_BODY_BYTES = 1024 * 1024;

  /** OTLP/HTTP trace exports, after gzip inflation. */
  public static final int OTLP_BODY_BYTES = 8 * 1024 * 1024;
  /** Grafana Faro payloads: Alloy's faro.receiver default. */
  public static final int FARO_BODY_BYTES = 5 * 1024 * 1024;

  private Limits() {}

  static String human(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return (bytes / (1024 * 1024)) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return (bytes / 1024) + " KB";
    }
    return bytes + " bytes";
  }
}
