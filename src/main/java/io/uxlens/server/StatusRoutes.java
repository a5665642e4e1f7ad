package io.uxlens.server;

import io.uxlens.Version;
import io.uxlens.config.RetentionPolicy;
import io.uxlens.store.RetentionStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.ComplaintStore;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.RecordCounts;
import io.uxlens.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness, readiness and what the store holds. */
final class StatusRoutes {
  private final Store store;
  private final RecordCounts counts;
  private final JourneyStore journeys;
  private final RetentionPolicy retention;
  private final RetentionStore retained;

  StatusRoutes(Store store, RetentionPolicy retention) {
    this.store = store;
    this.retention = retention;
    this.retained = new RetentionStore(store);
    this.counts = new RecordCounts(store.jdbi());
    this.journeys = new JourneyStore(store.jdbi());
  }

  void register(Router router) {
    router.add("GET", "/healthz", call -> Reply.json(Map.of("status", "ok")));
    router.add("GET", "/readyz", call -> store.ready()
        ? Reply.json(Map.of("status", "ready"))
        : Reply.error(503, "store not ready", null));
    router.add("GET", "/api/v1/status", call -> Reply.json(status()));
  }

  private Map<String, Object> status() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", Version.get());
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (String kind : new String[] {"events", "spans", "measurements", "feedback", "annotations"}) {
      byKind.put(kind, 0L);
    }
    byKind.putAll(counts.all());
    body.put("counts", byKind);
    body.put("newestEventTime", counts.newestEventTime().map(t -> Instant.ofEpochMilli(t).toString()).orElse(null));
    Map<String, Object> storeInfo = new LinkedHashMap<>();
    storeInfo.put("dialect", store.dialect().name().toLowerCase(java.util.Locale.ROOT));
    storeInfo.put("sizeBytes", store.sizeBytes());
    // several instances on one PostgreSQL database: only the leader runs the sessionizer and the rollup jobs
    storeInfo.put("leader", store.leadership().isLeader());
    body.put("store", storeInfo);
    body.put("sessionizer", sessionizer());
    body.put("telemetryRollups", telemetryRollups());
    body.put("feedbackRollups", feedbackRollups());
    body.put("retention", retention());
    return body;
  }

  /**
   * The retention settings as given (null: keep everything), the horizon raw rows older than which may be gone,
   * and the oldest time still stored in each raw table (null when empty).
   */
  private Map<String, Object> retention() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("raw", retention.rawText());
    out.put("rollups", retention.rollupsText());
    out.put("horizon", retained.horizon().map(StatusRoutes::iso).orElse(null));
    Map<String, Object> oldest = new LinkedHashMap<>();
    retained.oldest().forEach((table, ms) -> oldest.put(table.table(), ms == null ? null : iso(ms)));
    out.put("oldest", oldest);
    return out;
  }

  private static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }

  /** How far the telemetry rollup job has read spans and measurements (cursor) against what is stored (head). */
  private Map<String, Object> telemetryRollups() {
    JourneyStore.Cursor head = journeys.headCursor();
    TelemetryRollupStore.Cursor cursor = new TelemetryRollupStore(store.jdbi()).cursor();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("head", Map.of("spans", head.spans(), "measurements", head.measurements()));
    out.put("cursor", Map.of("spans", cursor.spans(), "measurements", cursor.measurements()));
    return out;
  }

  /**
   * How far the feedback rollup job (cursor) and the complaint job (complaints) have read feedback against what is
   * stored (head), by seq.
   */
  private Map<String, Object> feedbackRollups() {
    FeedbackRollupStore rollups = new FeedbackRollupStore(store.jdbi());
    long head = rollups.head();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("head", head);
    out.put("cursor", rollups.cursor());
    out.put("complaints", new ComplaintStore(store.jdbi()).cursor());
    return out;
  }

  /**
   * How far the sessionizer has read (cursor) against what is stored (head), by arrival sequence: when the cursor
   * reaches the head read earlier, journeys include everything stored by then (uxlens import waits on this).
   */
  private Map<String, Object> sessionizer() {
    JourneyStore.Cursor head = journeys.headCursor();
    JourneyStore.Cursor cursor = journeys.savedCursor();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("head", positions(head));
    out.put("cursor", positions(cursor));
    return out;
  }

  private static Map<String, Long> positions(JourneyStore.Cursor c) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("events", c.events());
    m.put("spans", c.spans());
    m.put("measurements", c.measurements());
    return m;
  }
}
