package io.uxlens.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;

/**
 * Records in and out of ingest, by source and kind. Sources and kinds are fixed sets (anything else is
 * {@code other}); rejection reasons are a {@link RejectReason}. Known pairs start at zero so that a stalled source
 * shows as a flat series, not as a missing one.
 */
public final class IngestMetrics {
  /** The series that exist from startup: source to the kinds of record it produces. */
  static final Map<String, List<String>> SOURCES = Map.of(
      "segment", List.of("events", "feedback", "exposures"),
      "otlp", List.of("spans"),
      "faro", List.of("events", "measurements", "exceptions", "logs", "spans"),
      "feedback", List.of("feedback"),
      "annotations", List.of("annotations"));
  static final List<String> KINDS =
      List.of("events", "spans", "measurements", "exceptions", "logs", "feedback", "annotations", "exposures");

  private final Counter ingested;
  private final Counter duplicates;
  private final Counter rejected;

  IngestMetrics(PrometheusRegistry registry) {
    ingested = Counter.builder().name("uxlens_ingested_records_total")
        .help("Records committed to the store, by source and kind").labelNames("source", "kind")
        .register(registry);
    duplicates = Counter.builder().name("uxlens_duplicate_records_total")
        .help("Records dropped as retries of records already stored (same id)").labelNames("source", "kind")
        .register(registry);
    rejected = Counter.builder().name("uxlens_rejected_records_total")
        .help("Records or requests refused at ingest, by source and reason").labelNames("source", "reason")
        .register(registry);
    SOURCES.forEach((source, kinds) -> {
      kinds.forEach(kind -> ingested.labelValues(source, kind));
      for (RejectReason r : RejectReason.values()) {
        rejected.labelValues(source, r.label());
      }
    });
  }

  /** {@code n} records of {@code kind} from {@code source} were committed (after the commit, not before). */
  public void accepted(String source, String kind, long n) {
    if (n > 0) {
      ingested.labelValues(source(source), kind(kind)).inc(n);
    }
  }

  /** {@code n} records were already stored (client retries); not an error, but a retry storm shows here. */
  public void duplicates(String source, String kind, long n) {
    if (n > 0) {
      duplicates.labelValues(source(source), kind(kind)).inc(n);
    }
  }

  /** {@code n} records (or 1 per refused request when the body could not be read) were refused. */
  public void rejected(String source, RejectReason reason, long n) {
    if (n > 0) {
      rejected.labelValues(source(source), reason.label()).inc(n);
    }
  }

  private static String source(String s) {
    return SOURCES.containsKey(s) ? s : KnownIds.OTHER;
  }

  private static String kind(String k) {
    return KINDS.contains(k) ? k : KnownIds.OTHER;
  }
}
