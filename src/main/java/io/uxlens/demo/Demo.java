package io.uxlens.demo;

import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import io.uxlens.store.DbUrl;
import io.uxlens.store.Dialect;
import io.uxlens.store.RecordCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code uxlens demo}: a real UX Lens server on an embedded SQLite file, filled with the demo history through the
 * real ingest endpoints, then (optionally) fed live traffic. The command line and the tests start it the same way.
 */
public final class Demo implements AutoCloseable {
  /** The write key the demo server requires and the demo sender uses. */
  public static final String WRITE_KEY = "uxlens-demo";
  /** The experiment the demo runs (import-progress-bar), declared so results measure import abandonment. */
  static final String EXPERIMENTS = "demo/experiments.yml";

  /**
   * How to run the demo. {@code db} is the SQLite file or a PostgreSQL URL ({@code --db}); {@code reset} deletes
   * the SQLite file first (a PostgreSQL database is the operator's to drop).
   */
  public record Settings(int days, long seed, double scale, boolean live, double liveRate, String host, int port,
                         String db, boolean reset, int senderThreads, java.net.URI prometheusUrl) {
    /** Without a Prometheus server for correlation.system. */
    public Settings(int days, long seed, double scale, boolean live, double liveRate, String host, int port,
        Path db, boolean reset, int senderThreads) {
      this(days, seed, scale, live, liveRate, host, port, db.toString(), reset, senderThreads, null);
    }

    public Settings {
      if (reset && DbUrl.parse(db).dialect() != Dialect.SQLITE) {
        throw new IllegalArgumentException("--reset deletes a SQLite file; to start a PostgreSQL store over, drop "
            + "and create its database");
      }
      if (days < 1 || days > 90) {
        throw new IllegalArgumentException("--days must be between 1 and 90, got " + days);
      }
      if (!(liveRate > 0) || liveRate > 1_000) {
        throw new IllegalArgumentException("--live-rate must be in (0, 1000] sessions per second");
      }
      if (!(scale > 0) || scale > 1_000) {
        throw new IllegalArgumentException("--scale must be in (0, 1000]");
      }
    }
  }

  private final Settings settings;
  private final long kept;
  private final long settleMillis;
  private final UxLensServer server;
  private final DemoSender sender;
  private final LiveTraffic live;
  private final DemoLoad.Result loaded;

  private Demo(Settings settings, UxLensServer server, DemoSender sender, LiveTraffic live, DemoLoad.Result loaded,
               long kept, long settleMillis) {
    this.settleMillis = settleMillis;
    this.settings = settings;
    this.kept = kept;
    this.server = server;
    this.sender = sender;
    this.live = live;
    this.loaded = loaded;
  }

  /**
   * Starts the server, loads the history (unless the store already holds data: then it is kept), waits until
   * what was sent is visible, and starts live traffic when asked.
   */
  public static Demo start(Settings s, LongConsumer progress, long now) throws Exception {
    DbUrl where = DbUrl.parse(s.db());
    Path experiments;
    if (where.dialect() == Dialect.SQLITE) {
      if (s.reset()) {
        for (String suffix : List.of("", "-wal", "-shm", ".experiments.yml")) {
          Files.deleteIfExists(Path.of(s.db() + suffix));
        }
      }
      Path parent = where.sqliteFile().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      experiments = experimentsFile(where.sqliteFile());
    } else {
      experiments = experimentsFile(Files.createTempFile("uxlens-demo", ".db"));
    }
    ServerConfig config = new ServerConfig(s.host(), s.port(), s.db(), null, List.of(WRITE_KEY), null,
        List.of(BrowserPage.ORIGIN), null, null).withExperiments(experiments)
        .withPrometheus(s.prometheusUrl());
    UxLensServer server = UxLensServer.newServer(config);
    OrdersDatabaseGauge.register(server.metrics().registry(), DemoTimeline.of(now, s.days()),
        System::currentTimeMillis);
    DemoSender sender = null;
    try {
      sender = new DemoSender(loopback(server), WRITE_KEY, s.senderThreads());
      DemoGenerator generator = new DemoGenerator(s.seed(), s.scale());
      long stored = new RecordCounts(server.store().jdbi()).all().getOrDefault("events", 0L);
      DemoLoad.Result loaded;
      if (stored > 0) {
        loaded = new DemoLoad.Result(0, sender.counts(), 0, List.of());
      } else {
        loaded = DemoLoad.history(sender, generator, now, s.days(), progress);
      }
      long settleStart = System.nanoTime();
      Settle.await(server);
      long settleMillis = (System.nanoTime() - settleStart) / 1_000_000;
      LiveTraffic live = null;
      if (s.live()) {
        live = new LiveTraffic(sender, generator.live(now, s.days()), s.liveRate(), loaded.future(),
            System::currentTimeMillis, now);
        live.start();
      }
      return new Demo(s, server, sender, live, loaded, stored, settleMillis);
    } catch (Exception | Error e) {
      if (sender != null) {
        sender.close();
      }
      server.close();
      throw e;
    }
  }

  /** The demo's experiment definitions, written next to the database so the server reads them as a file. */
  /**
   * The server settings the demo's traffic needs on a store: its browser origin allowed (Faro posts from a page)
   * and its experiments defined next to the file. For tools that send the demo's records elsewhere (benchmarks).
   */
  public static ServerConfig trafficSettings(ServerConfig config, Path db) throws IOException {
    return config.withCors(List.of(BrowserPage.ORIGIN), null).withExperiments(experimentsFile(db));
  }

  static Path experimentsFile(Path db) throws IOException {
    Path file = Path.of(db + ".experiments.yml");
    try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(EXPERIMENTS)) {
      if (in == null) {
        throw new DemoException("resource " + EXPERIMENTS + " is missing from the jar");
      }
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  public UxLensServer server() {
    return server;
  }

  public DemoLoad.Result loaded() {
    return loaded;
  }

  /** The base URL clients on this machine use (loopback even when the server listens on every interface). */
  public URI baseUri() {
    return loopback(server);
  }

  private static URI loopback(UxLensServer server) {
    String host = server.uri().getHost();
    return URI.create("http://" + (host.equals("localhost") ? "127.0.0.1" : host) + ":" + server.port());
  }

  /** What was loaded and where to look. */
  public void printWelcome(PrintStream out) {
    Settings s = settings;
    Map<String, Long> c = loaded.counts();
    if (kept > 0) {
      out.printf(Locale.ROOT, "%s already holds %,d events: kept them (pass --reset to start over).%n",
          DbUrl.parse(s.db()), kept);
    }
    String base = server.uri().toString();
    if (loaded.sessions() > 0) {
      out.printf(Locale.ROOT, "Loaded %d days of history in %.1f s: %,d sessions, %,d events, %,d spans, "
              + "%,d measurements, %,d feedback, %,d annotations (%,d requests, %.1f MB)%n", s.days(),
          loaded.millis() / 1000.0, loaded.sessions(), c.get("events"), c.get("spans"), c.get("measurements"),
          c.get("feedback"), c.get("annotations"), c.get("requests"), c.get("bytes") / 1e6);
    }
    out.printf(Locale.ROOT, "Journey attempts computed in %.1f s.%n", settleMillis / 1000.0);
    out.println();
    out.println("UX Lens demo is running at " + base);
    out.println("  Grafana data sources (provisioning/datasources/uxlens.yml sets them up):");
    out.println("    Infinity  (yesoreyeram-infinity-datasource)  URL " + base + "   rows: " + base
        + "/api/v1/rows/{metric}");
    out.println("    JSON API  (simpod-json-datasource)           URL " + base + "/grafana");
    out.println("    Prometheus scrape target                     " + base + "/metrics");
    out.println("  Status:     " + base + "/api/v1/status");
    out.println("  Catalogue:  " + base + "/api/v1/catalogue");
    out.println("  Dashboards: dashboards/ (uxlens dashboards regenerates them); docker compose -f "
        + "docker/docker-compose.yml up runs Grafana + Prometheus + this demo");
    out.println("  Ingest write key: " + WRITE_KEY);
    out.println(s.live()
        ? String.format(Locale.ROOT, "  Live traffic: about %.1f sessions per second. Ctrl-C stops.", s.liveRate())
        : "  No live traffic (--no-live). Ctrl-C stops.");
  }

  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
    sender.close();
    server.close();
  }

}
