package io.uxlens.prometheus;

/** Why ingest refused records: the only values {@code uxlens_rejected_records_total{reason}} can take. */
public enum RejectReason {
  /** A record broke a field rule (missing userId, bad timestamp...): the per-item rejections of a batch. */
  INVALID_RECORD("invalid_record"),
  /** The whole body was not parseable (invalid JSON, protobuf or gzip). */
  MALFORMED_BODY("malformed_body"),
  /** Over a size or count limit (413). */
  TOO_LARGE("too_large"),
  /** Missing or wrong write key / API key. */
  UNAUTHORIZED("unauthorized"),
  /** Refused by a rate limit (429). */
  RATE_LIMITED("rate_limited"),
  /** The store could not commit or the writer queue was full (503): the client retries. */
  STORE_UNAVAILABLE("store_unavailable");

  private final String label;

  RejectReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
