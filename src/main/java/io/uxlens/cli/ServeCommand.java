package io.uxlens.cli;

import io.uxlens.config.Durations;
import io.uxlens.config.RetentionPolicy;
import io.uxlens.feedback.SprintCalendar;
import io.uxlens.references.ReferencesFileException;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens serve}: runs the service until SIGTERM/SIGINT, then stops gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the UX Lens server. Every option can also be set with UXLENS_<NAME>, e.g. UXLENS_PORT.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "${env:UXLENS_PORT:-8080}", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "${env:UXLENS_HOST:-0.0.0.0}", description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--db", defaultValue = "${env:UXLENS_DB:-data/uxlens.db}",
      description = "SQLite file (parent folders created) or PostgreSQL URL, postgresql://user@host:5432/db (password "
          + "from the URL or UXLENS_DB_PASSWORD) (default ${DEFAULT-VALUE}).")
  String db;

  @Option(names = "--journeys", defaultValue = "${env:UXLENS_JOURNEYS}",
      description = "Journey definitions YAML (default: the four journeys shipped in the jar).")
  Path journeys;

  @Option(names = "--experiments", defaultValue = "${env:UXLENS_EXPERIMENTS}",
      description = "Experiment definitions YAML (default: none declared; experiments are discovered from exposures).")
  Path experiments;

  @Option(names = "--write-key", split = ",", defaultValue = "${env:UXLENS_WRITE_KEY}",
      description = "Accepted ingest write key; repeatable, or comma-separated in UXLENS_WRITE_KEY.")
  List<String> writeKeys;

  @Option(names = "--read-token", defaultValue = "${env:UXLENS_READ_TOKEN}",
      description = "Bearer token required on Grafana read endpoints (default: none).")
  String readToken;

  @Option(names = "--cors-origin", split = ",", defaultValue = "${env:UXLENS_CORS_ORIGIN}",
      description = "Browser origin allowed to post Faro payloads; repeatable.")
  List<String> corsOrigins;

  @Option(names = "--faro-api-key", defaultValue = "${env:UXLENS_FARO_API_KEY}",
      description = "Key required in x-api-key on /collect (default: none).")
  String faroApiKey;

  @Option(names = "--benchmarks", defaultValue = "${env:UXLENS_BENCHMARKS}",
      description = "YAML of industry benchmarks replacing or adding to the shipped ones, entry by KPI.")
  Path benchmarks;

  @Option(names = "--lexicon", defaultValue = "${env:UXLENS_LEXICON}",
      description = "Product-feedback lexicon (token<TAB>valence lines) extending the shipped one, which scores "
          + "feedback sentiment on top of VADER.")
  Path lexicon;

  @Option(names = "--lexicon-replace", description = "Use the --lexicon file instead of the shipped product words.")
  boolean lexiconReplace;

  @Option(names = "--sprint-days", defaultValue = "${env:UXLENS_SPRINT_DAYS:-14}",
      description = "Sprint length in days for pain points, 1-366 (default ${DEFAULT-VALUE}).")
  int sprintDays;

  @Option(names = "--query-timeout", defaultValue = "${env:UXLENS_QUERY_TIMEOUT:-25s}",
      description = "Longest a dashboard query may run before it is answered 503 naming it (default ${DEFAULT-VALUE}).")
  String queryTimeout;

  @Option(names = "--prometheus-url", defaultValue = "${env:UXLENS_PROMETHEUS_URL}",
      description = "Prometheus' base URL (e.g. http://prometheus:9090): correlation.system reads PromQL series "
          + "from its HTTP API. Without it that metric answers 400 saying so.")
  String prometheusUrl;

  @Option(names = "--sprint-anchor", defaultValue = "${env:UXLENS_SPRINT_ANCHOR:-2024-01-01}",
      description = "Start of any one sprint: a date (UTC midnight) or an instant (default ${DEFAULT-VALUE}).")
  String sprintAnchor;

  @Option(names = "--metrics-token", defaultValue = "${env:UXLENS_METRICS_TOKEN}",
      description = "Bearer token required on /metrics (default: none, /metrics is open).")
  String metricsToken;

  @Option(names = "--tls-cert", defaultValue = "${env:UXLENS_TLS_CERT}",
      description = "PEM certificate chain for direct HTTPS (with --tls-key).")
  Path tlsCert;

  @Option(names = "--tls-key", defaultValue = "${env:UXLENS_TLS_KEY}",
      description = "Unencrypted PKCS#8 PEM private key for direct HTTPS (with --tls-cert).")
  Path tlsKey;

  @Option(names = "--mask-pii", defaultValue = "${env:UXLENS_MASK_PII:-false}",
      description = "Mask e-mail addresses, phone and card numbers in everything stored; identifiers holding them "
          + "become stable pseudonyms.")
  boolean maskPii;

  @Option(names = "--rate-limit", defaultValue = "${env:UXLENS_RATE_LIMIT}", paramLabel = "RATE[:BURST]",
      description = "Records per second each write key may send, with an optional burst (default: no limit); "
          + "past it, 429 naming the limit.")
  String rateLimit;

  @Option(names = "--retention", defaultValue = "${env:UXLENS_RETENTION}", paramLabel = "DURATION",
      description = "Drop raw events, spans, measurements and feedback older than this, e.g. 90d, 12h or 2w "
          + "(default: keep everything). Rows not yet rolled up always stay.")
  String retention;

  @Option(names = "--rollup-retention", defaultValue = "${env:UXLENS_ROLLUP_RETENTION}", paramLabel = "DURATION",
      description = "Drop journey attempts, journey and telemetry rollups and spikes older than this; at least "
          + "--retention (default: keep everything).")
  String rollupRetention;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = config();
    UxLensServer started;
    try {
      started = UxLensServer.newServer(config, safeguards());
    } catch (IllegalArgumentException | io.uxlens.store.StoreException e) {
      // a bad TLS file, a read token equal to a write key, a --db that is not a UX Lens store: one line, exit 2
      throw new Main.UsageProblem(oneLine(e.getMessage()));
    }
    try (UxLensServer server = started) {
      awaitShutdown(server);
    }
    return 0;
  }

  ServerConfig config() {
    if (port < 0 || port > 65535) {
      throw new Main.UsageProblem("--port must be between 0 and 65535, got " + port);
    }
    if (journeys != null && !Files.isReadable(journeys)) {
      throw new Main.UsageProblem("--journeys: cannot read " + journeys);
    }
    if (experiments != null && !Files.isReadable(experiments)) {
      throw new Main.UsageProblem("--experiments: cannot read " + experiments);
    }
    Duration timeout = Durations.parse(queryTimeout);
    if (timeout == null) {
      throw new Main.UsageProblem("--query-timeout must be a duration such as 25s, 500ms or 1m; got '"
          + queryTimeout + "'");
    }
    return new ServerConfig(host, port, db, journeys, clean(writeKeys), readToken, clean(corsOrigins), faroApiKey,
        null, voice(), experiments).withQueryTimeout(timeout).withPrometheus(prometheusUri(prometheusUrl))
        .withRetention(retentionPolicy(retention, rollupRetention));
  }

  /** The retention options as a policy; a bad value or a rollup retention shorter than --retention: one line. */
  static RetentionPolicy retentionPolicy(String raw, String rollups) {
    try {
      return RetentionPolicy.parse(raw, rollups);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem(e.getMessage());
    }
  }

  /** The --prometheus-url as a URI (null when absent); an http(s) URL with a host or a usage error. */
  static java.net.URI prometheusUri(String prometheusUrl) {
    if (prometheusUrl == null || prometheusUrl.isBlank()) {
      return null;
    }
    try {
      java.net.URI u = new java.net.URI(prometheusUrl.trim());
      if ((u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")))
          && u.getHost() != null) {
        return u;
      }
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw new Main.UsageProblem("--prometheus-url must be an http(s) URL such as http://prometheus:9090; got '"
        + prometheusUrl + "'");
  }

  /** Hardening options, checked now so a bad value is a usage error. */
  io.uxlens.server.Safeguards safeguards() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new Main.UsageProblem("--tls-cert and --tls-key go together: give both or neither");
    }
    for (Path f : new Path[] {tlsCert, tlsKey}) {
      if (f != null && !Files.isReadable(f)) {
        throw new Main.UsageProblem("--tls-" + (f == tlsCert ? "cert" : "key") + ": cannot read " + f);
      }
    }
    if (readToken != null && !readToken.isBlank() && clean(writeKeys).contains(readToken.trim())) {
      throw new Main.UsageProblem("--read-token must differ from every --write-key: a write key may not read");
    }
    io.uxlens.server.RateLimiter.Limit limit;
    try {
      limit = io.uxlens.server.RateLimiter.Limit.parse(rateLimit);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem("--rate-limit: " + e.getMessage());
    }
    return new io.uxlens.server.Safeguards(metricsToken, tlsCert, tlsKey, maskPii, limit);
  }

  /** Voice settings, checked now so a bad value is a usage error rather than a failed start. */
  ServerConfig.Voice voice() {
    if (sprintDays < 1 || sprintDays > SprintCalendar.MAX_DAYS) {
      throw new Main.UsageProblem("--sprint-days must be between 1 and " + SprintCalendar.MAX_DAYS + ", got "
          + sprintDays);
    }
    Instant anchor;
    try {
      anchor = SprintCalendar.parseAnchor(sprintAnchor);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageProblem("--sprint-anchor: " + e.getMessage());
    }
    if (lexiconReplace && lexicon == null) {
      throw new Main.UsageProblem("--lexicon-replace needs --lexicon FILE");
    }
    ServerConfig.Voice voice = new ServerConfig.Voice(benchmarks, sprintDays, anchor, lexicon, lexiconReplace);
    if (lexicon != null) {
      voice.sentiment(); // a bad entry is a usage error naming its line, before anything starts
    }
    if (benchmarks != null) {
      try {
        voice.benchmarks();
      } catch (ReferencesFileException | IllegalArgumentException e) {
        throw new Main.UsageProblem("--benchmarks: " + oneLine(e.getMessage()));
      }
    }
    return voice;
  }

  private static String oneLine(String message) {
    return message == null ? "invalid file" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  static List<String> clean(List<String> values) {
    return values == null ? List.of() : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Blocks until the JVM is asked to stop, then lets the caller close the server before the JVM exits. */
  static void awaitShutdown(UxLensServer server) throws InterruptedException {
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopping.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "uxlens-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopping.await();
      server.close();
    } finally {
      stopped.countDown();
    }
  }
}
