package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.demo.Demo;
import io.uxlens.demo.DemoGenerator;
import io.uxlens.demo.DemoLoad;
import io.uxlens.demo.DemoRecord;
import io.uxlens.demo.DemoSender;
import io.uxlens.json.Json;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;

/**
 * A store of about N rows (events, spans, page measurements, feedback, annotations) in the demo's proportions
 * over a number of days, for {@link DashboardsBench}: the demo generator scaled to N, sent over HTTP to a server on
 * the file (the public ingest path), then left until the sessionizer has caught up. A finished store is kept beside
 * a {@code .done} marker and reused by the next run with the same N and days.
 */
final class DashboardStore {
  /** A fixed anchor, so the same N and days give the same store on every machine. */
  static final long NOW = Instant.parse("2026-05-08T00:00:00Z").toEpochMilli();
  private static final long SEED = 7;

  private DashboardStore() {}

  /** The store file for {@code records} over {@code days} in {@code dir}, built when missing or unfinished. */
  static Path buildOrReuse(Path dir, long records, int days, PrintStream out) throws Exception {
    Path db = dir.resolve("dashboards-" + records + "-" + days + "d.db");
    Path done = dir.resolve(db.getFileName() + ".done");
    if (Files.exists(done) && Files.exists(db)) {
      out.printf("reusing %s%n", db);
      return db;
    }
    Files.createDirectories(dir);
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve(db.getFileName() + suffix));
    }
    double scale = records / (double) recordsAtScaleOne(days);
    if (scale > 1_000) {
      throw new IllegalArgumentException("more than 1,000 times the demo's volume: use more --days");
    }
    out.printf("building %s: ~%,d records over %d days (demo volume x %.2f), sent over HTTP%n", db, records, days,
        scale);
    long t0 = System.nanoTime();
    try (UxLensServer server = UxLensServer.newServer(settings(db));
         DemoSender sender = new DemoSender(server.uri(), null, 4)) {
      DemoGenerator generator = new DemoGenerator(SEED, scale);
      int hours = days * 24;
      DemoLoad.Result loaded = DemoLoad.history(sender, generator, NOW, days, h -> {
        if (h % 24 == 0 || h == hours) {
          out.printf("  %d/%d days sent%n", h / 24, days);
        }
      });
      sender.await();
      double loadS = (System.nanoTime() - t0) / 1e9;
      out.printf("  sent %s in %.0f s (%,.0f records/s)%n", loaded.counts(), loadS,
          total(loaded) / Math.max(loadS, 1e-9));
      awaitSessionizer(server.uri());
      out.printf("  sessionizer caught up after %.0f s in all%n", (System.nanoTime() - t0) / 1e9);
    }
    Files.writeString(done, Instant.now().toString());
    return db;
  }

  /** The server settings the demo's traffic needs (browser origin, experiments), also when replaying the store. */
  static ServerConfig settings(Path db) throws java.io.IOException {
    return Demo.trafficSettings(ServerConfig.local(db), db);
  }

  /** The same for a store {@code --db} names; a PostgreSQL store's experiments file goes to a temporary folder. */
  static ServerConfig settings(String db) throws java.io.IOException {
    io.uxlens.store.DbUrl where = io.uxlens.store.DbUrl.parse(db);
    return where.sqliteFile() != null ? settings(where.sqliteFile())
        : Demo.trafficSettings(ServerConfig.local(db), Files.createTempFile("uxlens-bench", ".db"));
  }

  private static long total(DemoLoad.Result r) {
    return r.counts().entrySet().stream().filter(e -> !e.getKey().equals("requests") && !e.getKey().equals("bytes"))
        .mapToLong(java.util.Map.Entry::getValue).sum();
  }

  /**
   * Rows the generator's records become at scale 1 over the days (pure and quick: nothing is sent): one per event,
   * span, feedback item and annotation, one per value of a page's measurements.
   */
  static long recordsAtScaleOne(int days) {
    long n = 0;
    Iterator<DemoGenerator.Hour> hours = new DemoGenerator(SEED, 1).hours(NOW, days);
    while (hours.hasNext()) {
      for (DemoRecord r : hours.next().records()) {
        if (r.time() <= NOW) {
          n += r instanceof DemoRecord.Vitals v ? v.values().size() : 1;
        }
      }
    }
    return n;
  }

  /**
   * Waits until the sessionizer, the telemetry and feedback rollup jobs and the complaint job have read everything
   * stored.
   */
  static void awaitSessionizer(URI base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      JsonNode status = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/status"))
          .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
      JsonNode s = status.path("sessionizer");
      JsonNode t = status.path("telemetryRollups");
      JsonNode f = status.path("feedbackRollups");
      if (s.path("head").equals(s.path("cursor")) && t.path("head").equals(t.path("cursor"))
          && f.path("head").equals(f.path("cursor")) && f.path("head").equals(f.path("complaints"))) {
        return;
      }
      Thread.sleep(500);
    }
  }
}
