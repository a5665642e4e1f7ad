package io.uxlens.server;

import io.uxlens.correlate.Correlations;
import io.uxlens.correlate.SpikeDetector;
import io.uxlens.correlate.SpikeScan;
import io.uxlens.datasource.InfinityApi;
import io.uxlens.datasource.JsonApiProtocol;
import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.feedback.Vader;
import io.uxlens.grafana.Health;
import io.uxlens.ingest.AnnotationCodec;
import io.uxlens.ingest.FaroCodec;
import io.uxlens.ingest.FeedbackCodec;
import io.uxlens.ingest.OtlpCodec;
import io.uxlens.ingest.SegmentCodec;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.Sessionizer;
import io.uxlens.journey.SessionizerService;
import io.uxlens.store.CommitFollower;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.feedback.FeedbackRollups;
import io.uxlens.feedback.ComplaintPhrases;
import io.uxlens.store.ComplaintStore;
import io.uxlens.telemetry.TelemetryRollups;
import io.uxlens.prometheus.UxLensMetrics;
import io.uxlens.query.Catalogue;
import io.uxlens.explain.PrometheusRange;
import io.uxlens.query.StandardCatalogue;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.RetentionJob;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.SpikeStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds store, writer, codecs and routes from a config, and owns their lifecycle.
 * {@code main} and the tests start servers the same way, through {@link #newServer(ServerConfig)}.
 */
public final class UxLensServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UxLensServer.class);
  private static final int WRITER_QUEUE = 1024;
  /** Longest a Prometheus range query may take for correlation.system (at most half the query timeout). */
  private static final java.time.Duration PROMETHEUS_TIMEOUT = java.time.Duration.ofSeconds(10);
  /** At most one sessionizer run per this many ms: events show in attempts within about a second. */
  private static final long SESSIONIZE_INTERVAL_MS = 1_000;

  private final ServerConfig config;
  private final Store store;
  private final Writer writer;
  private final Server jetty;
  private final ServerConnector connector;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private final UxLensMetrics metrics;
  private final Journeys journeys;
  private final QueryGate gate;
  private final CommitFollower telemetryRollups;
  private final CommitFollower feedbackRollups;
  private RetentionJob retention;
  private String scheme = "http";

  /** The journey engine's parts other components use (the query layer calls {@code kpis()} and
   * {@code correlations()}). */
  public record Journeys(JourneyDefinitions definitions, JourneyKpis kpis, Correlations correlations,
                         Sessionizer sessionizer, SessionizerService service) {}

  private UxLensServer(ServerConfig config, Store store, Writer writer, Server jetty, ServerConnector connector,
      UxLensMetrics metrics, Journeys journeys, QueryGate gate, CommitFollower telemetryRollups,
      CommitFollower feedbackRollups) {
    this.gate = gate;
    this.telemetryRollups = telemetryRollups;
    this.feedbackRollups = feedbackRollups;
    this.journeys = journeys;
    this.config = config;
    this.metrics = metrics;
    this.store = store;
    this.writer = writer;
    this.jetty = jetty;
    this.connector = connector;
  }

  /** Opens the store (migrating it), wires every route and starts listening. */
  public static UxLensServer newServer(ServerConfig config) throws Exception {
    return newServer(config, Safeguards.NONE);
  }

  /** The same, with the hardening options (metrics token, TLS, PII masking, rate limit). */
  public static UxLensServer newServer(ServerConfig config, Safeguards safeguards) throws Exception {
    ReadToken readToken = new ReadToken(config.readToken());
    for (String key : config.writeKeys()) {
      if (readToken.matches(key)) {
        throw new IllegalArgumentException("the read token must differ from every write key: a write key may not read");
      }
    }
    // TLS files are checked before the store is opened, so a bad file leaves nothing half started
    org.eclipse.jetty.util.ssl.SslContextFactory.Server tls = safeguards.tls()
        ? Tls.contextFactory(safeguards.tlsCert(), safeguards.tlsKey()) : null;
    // a bad journeys file fails here, before anything is opened (JourneyFileException: file, path, rule)
    JourneyDefinitions definitions = JourneyDefinitions.load(config.journeys());
    // likewise a bad experiments file (ExperimentFileException), and one naming a journey not defined above
    ExperimentCatalog experiments = config.experiments() == null ? ExperimentCatalog.empty()
        : ExperimentCatalog.loadFile(config.experiments(),
            definitions.all().stream().map(JourneyDefinition::id).toList());
    Store store = Store.open(config.db());
    Writer writer = new Writer(store.jdbi(), WRITER_QUEUE);
    UxLensMetrics metrics = new UxLensMetrics();
    metrics.watch(writer);
    metrics.watch(store);
    JourneyStore journeyStore = new JourneyStore(store.jdbi());
    metrics.watch(journeyStore);
    Sessionizer sessionizer = new Sessionizer(definitions, journeyStore, new SessionTelemetryStore(store.jdbi()),
        writer);
    JourneyKpis kpis = new JourneyKpis(definitions, journeyStore, new JourneyRollupStore(store.jdbi()));
    JourneyCounters.wire(definitions, sessionizer, metrics.journeys());
    sessionizer.addListener(new SpikeScan(kpis, new SpikeStore(store.jdbi()), writer,
        SpikeDetector.Params.DEFAULT));
    Journeys journeys = new Journeys(definitions, kpis,
        new Correlations(kpis, new SessionTelemetryStore(store.jdbi())), sessionizer,
        new SessionizerService(sessionizer, writer, SESSIONIZE_INTERVAL_MS, store.leadership()));
    // spans and measurements rolled up per bucket for the perf.* panels, like the sessionizer beside ingest
    TelemetryRollups rollups = new TelemetryRollups(new TelemetryRollupStore(store.jdbi()), writer);
    CommitFollower telemetryRollups = new CommitFollower("uxlens-telemetry-rollups", writer, SESSIONIZE_INTERVAL_MS,
        store.leadership(), rollups::runOnce);
    WriteKeys keys = new WriteKeys(config.writeKeys());
    if (keys.open()) {
      LOG.warn("no write key configured: ingest endpoints accept unauthenticated requests");
    }
    if (!readToken.required()) {
      LOG.warn("no read token configured: dashboards, rows, annotations and status details are readable by anyone"
          + " who can reach this port");
    }
    Router router = new Router();
    new AccessRules(readToken, new ReadToken(safeguards.metricsToken(), "metrics token")).register(router);
    new BodyBudget().register(router);
    IngestGuard guard = new IngestGuard(new RateLimiter(safeguards.rateLimit()),
        safeguards.maskPii() ? new io.uxlens.ingest.PiiMask(io.uxlens.feedback.TextMask::mask) : null);
    new StatusRoutes(store, config.retention()).register(router);
    new MetricsRoutes(metrics).register(router);
    Vader sentiment = config.voice().sentiment();
    // feedback rolled up per bucket, journey and kind for the feedback.* score and volume panels
    FeedbackRollups feedbackJob = new FeedbackRollups(new FeedbackRollupStore(store.jdbi()), writer, sentiment);
    // and the phrases of every complaint with their day counts, for feedback.pain_points
    ComplaintPhrases complaintJob = new ComplaintPhrases(new ComplaintStore(store.jdbi()), writer, sentiment);
    CommitFollower feedbackRollups = new CommitFollower("uxlens-feedback-rollups", writer, SESSIONIZE_INTERVAL_MS,
        store.leadership(), () -> feedbackJob.runOnce() + complaintJob.runOnce());
    FeedbackCodec feedbackCodec = new FeedbackCodec(sentiment::compound);
    new SegmentRoutes(new SegmentCodec(Limits.SEGMENT_EVENT_BYTES, config.sessionPaths()), feedbackCodec, keys,
        writer, metrics.ingest()).guarded(guard).register(router);
    QueryGate gate = QueryGate.forMachine(config.queryTimeout());
    grafanaRoutes(store, metrics, config, journeys, experiments, sentiment, gate).register(router);
    new TelemetryRoutes(new OtlpCodec(), keys, writer, metrics.ingest()).guarded(guard).register(router);
    new FaroRoutes(new FaroCodec(new OtlpCodec()), config.faroApiKey(), writer, metrics.ingest()).guarded(guard)
        .register(router);
    new FeedbackRoutes(feedbackCodec, new AnnotationCodec(), keys, new ReadToken(config.readToken()), writer,
        store, metrics.ingest()).guarded(guard).register(router);
    Cors.install(router, config.corsOrigins(), java.util.Set.of(FaroRoutes.PATH, FeedbackRoutes.FEEDBACK_PATH));

    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("uxlens-http");
    Server jetty = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    // Clients configured with a trailing slash post to //v1/batch: the router collapses empty segments.
    http.setUriCompliance(UriCompliance.DEFAULT.with("uxlens", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    ServerConnector connector = tls == null ? new ServerConnector(jetty, new HttpConnectionFactory(http))
        : Https.connector(jetty, http, tls);
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(30_000);
    jetty.addConnector(connector);
    jetty.setHandler(new GracefulHandler(router));
    SlowClientGuard.install(connector);
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setStopTimeout(10_000);
    jetty.setStopAtShutdown(false);
    UxLensServer server = new UxLensServer(config, store, writer, jetty, connector, metrics, journeys, gate,
        telemetryRollups, feedbackRollups);
    server.scheme = tls == null ? "http" : "https";
    // retention: one background thread, deleting through the writer in bounded batches (a policy keeping
    // everything starts none)
    server.retention = RetentionJob.standard(config.retention(), store, writer, metrics::retentionDeleted).start();
    try {
      jetty.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    LOG.info("UX Lens listening on {} (store: {})", server.uri(), io.uxlens.store.DbUrl.parse(config.db()));
    return server;
  }

  /** Both Grafana adapters over the standard catalogue, each metric timed into the query latency histogram. */
  private static GrafanaRoutes grafanaRoutes(Store store, UxLensMetrics metrics, ServerConfig config,
      Journeys journeys, ExperimentCatalog experiments, Vader sentiment, QueryGate gate) {
    StandardCatalogue.ReadModel read = StandardCatalogue.build(store, journeys.definitions(), journeys.kpis(),
        experiments, config.voice().benchmarks(), config.voice().calendar(), sentiment, prometheus(config));
    Catalogue catalogue = Catalogue.builder().addAll(TimedMetric.all(read.catalogue().all(), metrics.queries()))
        .build();
    JsonApiProtocol jsonApi = new JsonApiProtocol(catalogue, read.variables(), read.contexts(), () -> store.ready()
        ? new Health(Health.Status.OK, "UX Lens " + io.uxlens.Version.get() + ": store ready")
        : new Health(Health.Status.ERROR, "store not ready"));
    return new GrafanaRoutes(jsonApi, new InfinityApi(catalogue), new ReadToken(config.readToken()), gate);
  }

  /**
   * The Prometheus client of {@code correlation.system}, or null without {@code --prometheus-url}: calls time out
   * well within the query timeout, and at most 4 run at once, so a slow Prometheus holds no other query.
   */
  private static PrometheusRange prometheus(ServerConfig config) {
    if (config.prometheusUrl() == null) {
      return null;
    }
    java.time.Duration timeout = config.queryTimeout().dividedBy(2).compareTo(PROMETHEUS_TIMEOUT) < 0
        ? config.queryTimeout().dividedBy(2) : PROMETHEUS_TIMEOUT;
    return new PrometheusRange(config.prometheusUrl(), timeout, 4);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = config.host() == null || config.host().isBlank() || config.host().equals("0.0.0.0")
        ? "localhost" : config.host();
    return URI.create(scheme + "://" + host + ":" + port());
  }

  /** The router behind the graceful handler: tests list its routes. */
  Router router() {
    return jetty.getDescendant(Router.class);
  }

  public Store store() {
    return store;
  }

  public Writer writer() {
    return writer;
  }

  public Journeys journeys() {
    return journeys;
  }

  /** The server's metrics registry: the sessionizer and query adapters record into it. */
  public UxLensMetrics metrics() {
    return metrics;
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Graceful stop: refuse new connections, let requests in flight finish (their writes commit), then drain the
   * writer and close the store.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (jetty.isStarted() || jetty.isStarting()) {
        jetty.stop();
      }
    } catch (Exception e) {
      LOG.warn("error while stopping the HTTP server", e);
    }
    gate.close();
    if (retention != null) {
      retention.close();
    }
    journeys.service().close();
    telemetryRollups.close();
    feedbackRollups.close();
    writer.close();
    store.close();
    LOG.info("UX Lens stopped: requests drained, writes committed, store closed");
  }
}
