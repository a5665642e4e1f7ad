package io.uxlens.prometheus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.uxlens.Version;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Every Prometheus family UX Lens exports, in one registry per server (not the global default registry, so
 * two servers in one JVM - tests - never share counters). Families are grouped by who records them:
 * {@link #journeys()} for the sessionizer, {@link #ingest()} for ingest routes, {@link #queries()} for the query
 * adapters; writer, store and JVM metrics are wired once by the composition root.
 */
public final class UxLensMetrics {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UxLensMetrics.class);
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final JourneyMetrics journeys;
  private final IngestMetrics ingest;
  private final QueryMetrics queries;
  private final Histogram commitDuration;
  private final Counter committedOperations;
  private final Counter retentionDeleted;
  private volatile IntSupplier queueDepth = () -> 0;
  private volatile LongSupplier storeBytes = () -> -1;
  /** Milliseconds the sessionizer is behind, or -1 when not watched. */
  private volatile LongSupplier sessionizerLagMillis = () -> -1;

  public UxLensMetrics() {
    journeys = new JourneyMetrics(registry);
    ingest = new IngestMetrics(registry);
    queries = new QueryMetrics(registry);
    commitDuration = Histogram.builder().name("uxlens_writer_commit_duration_seconds").unit(Unit.SECONDS)
        .help("Duration of one group commit (all queued operations in one transaction, fsync included)")
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
    committedOperations = Counter.builder().name("uxlens_writer_committed_operations_total")
        .help("Write operations committed by the writer (each is one request's batch)").register(registry);
    retentionDeleted = Counter.builder().name("uxlens_retention_deleted_rows_total")
        .help("Rows deleted by retention (--retention, --rollup-retention), by table").labelNames("table")
        .register(registry);
    GaugeWithCallback.builder().name("uxlens_writer_queue_depth")
        .help("Write operations waiting for the single writer")
        .callback(cb -> cb.call(queueDepth.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("uxlens_store_size_bytes").unit(Unit.BYTES)
        .help("Bytes the store uses on disk (SQLite file, WAL and shared memory); absent for PostgreSQL")
        .callback(cb -> {
          long bytes = storeBytes.getAsLong();
          if (bytes >= 0) {
            cb.call(bytes);
          }
        }).register(registry);
    GaugeWithCallback.builder().name("uxlens_sessionizer_lag_seconds").unit(Unit.SECONDS)
        .help("How long the oldest event the sessionizer has not read yet has been stored (0: caught up); "
            + "journey panels and journey alerts are this late")
        .callback(cb -> {
          long ms = readOrAbsent(sessionizerLagMillis);
          if (ms >= 0) {
            cb.call(ms / 1000.0);
          }
        }).register(registry);
    Gauge build = Gauge.builder().name("uxlens_build_info").help("UX Lens version; always 1")
        .labelNames("version").register(registry);
    build.labelValues(Version.get()).set(1);
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The current value of every family. */
  public MetricSnapshots scrape() {
    return registry.scrape();
  }

  public JourneyMetrics journeys() {
    return journeys;
  }

  public IngestMetrics ingest() {
    return ingest;
  }

  public QueryMetrics queries() {
    return queries;
  }

  /** Exports the writer's queue depth and times its commits. Call once, right after creating the writer. */
  public void watch(Writer writer) {
    queueDepth = writer::queueDepth;
    writer.addListener(this::committed);
  }

  /** Exports the store's size on disk. */
  public void watch(Store store) {
    storeBytes = store::sizeBytes;
  }

  /** Exports how far the sessionizer is behind what is stored. */
  public void watch(JourneyStore journeys) {
    sessionizerLagMillis = () -> journeys.sessionizerLagMillis(System.currentTimeMillis());
  }

  /** A store that cannot answer now (down, full, locked) leaves its sample out rather than failing the scrape. */
  private static long readOrAbsent(LongSupplier read) {
    try {
      return read.getAsLong();
    } catch (RuntimeException e) {
      LOG.debug("metric left out of this scrape: {}", e.getMessage());
      return -1;
    }
  }

  /** One group commit of {@code operations} operations took {@code nanos}. */
  public void committed(int operations, long nanos) {
    commitDuration.observe(nanos / 1e9);
    committedOperations.inc(operations);
  }

  /** Retention deleted {@code rows} rows of {@code table}. */
  public void retentionDeleted(String table, long rows) {
    retentionDeleted.labelValues(table).inc(rows);
  }
}
