package io.uxlens.config;

import java.time.Duration;

/**
 * How long the store keeps data. {@code raw}: events, spans, measurements and feedback; {@code rollups}: journey
 * attempts, journey, telemetry and feedback rollups and spikes. Null keeps everything. Rollups are what dashboards
 * read once the raw rows are gone, so they may be kept longer than raw data, never shorter. {@code rawText} and
 * {@code rollupsText} are the values as the operator wrote them (status shows them).
 */
public record RetentionPolicy(Duration raw, String rawText, Duration rollups, String rollupsText) {
  public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(null, null, null, null);

  public RetentionPolicy {
    if (raw != null && rollups != null && rollups.compareTo(raw) < 0) {
      throw new IllegalArgumentException("--rollup-retention (" + rollupsText + ") must be at least --retention ("
          + rawText + "): rollups are what remains of raw data once it is dropped");
    }
  }

  /**
   * The policy from the two option values (null or blank: keep everything); an IllegalArgumentException naming the
   * option and the rule when a value is not a duration such as 90d, 12h or 2w.
   */
  public static RetentionPolicy parse(String raw, String rollups) {
    Duration r = option("--retention", raw);
    Duration u = option("--rollup-retention", rollups);
    return new RetentionPolicy(r, r == null ? null : raw.trim(), u, u == null ? null : rollups.trim());
  }

  private static Duration option(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration d = Durations.parse(text);
    if (d == null) {
      throw new IllegalArgumentException(name + " must be a duration such as 90d, 12h or 2w; got '" + text + "'");
    }
    if (d.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1h (the sessionizer and rollups need recent "
          + "raw data); got '" + text + "'");
    }
    return d;
  }

  public boolean keepsEverything() {
    return raw == null && rollups == null;
  }

  /** Epoch ms before which raw rows may go at {@code nowMs}, or Long.MIN_VALUE when raw data is kept. */
  public long rawCutoff(long nowMs) {
    return raw == null ? Long.MIN_VALUE : nowMs - raw.toMillis();
  }

  /** Epoch ms before which attempts and rollups may go at {@code nowMs}, or Long.MIN_VALUE when kept. */
  public long rollupCutoff(long nowMs) {
    return rollups == null ? Long.MIN_VALUE : nowMs - rollups.toMillis();
  }
}
