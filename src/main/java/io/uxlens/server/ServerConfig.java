package io.uxlens.server;

import io.uxlens.config.RetentionPolicy;
import io.uxlens.feedback.ProductLexicon;
import io.uxlens.feedback.SprintCalendar;
import io.uxlens.feedback.Vader;
import io.uxlens.references.IndustryReferences;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a server needs to start. {@code db} is a SQLite file path or a PostgreSQL URL (store.DbUrl);
 * {@code journeys} null means the definitions shipped in the jar; {@code voice} holds the feedback settings;
 * {@code experiments} null means none declared (experiments are then discovered from exposures).
 */
public record ServerConfig(
    String host,
    int port,
    String db,
    Path journeys,
    List<String> writeKeys,
    String readToken,
    List<String> corsOrigins,
    String faroApiKey,
    List<String> sessionPaths,
    Voice voice,
    Path experiments,
    Duration queryTimeout,
    URI prometheusUrl,
    RetentionPolicy retention) {
  /** Under Grafana's own 30 s data source timeout, so the panel shows our reason rather than a bare timeout. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(25);

  /**
   * Voice of the customer settings: a benchmarks file overriding the shipped industry references (null: the
   * shipped ones), the sprint calendar pain points are ranked by, and a product lexicon file extending (or, with
   * {@code lexiconReplace}, replacing) the shipped product-feedback words sentiment is scored with (null: shipped).
   */
  public record Voice(Path benchmarksFile, int sprintDays, Instant sprintAnchor, Path lexiconFile,
                      boolean lexiconReplace) {
    public static final Voice DEFAULTS = new Voice(null, (int) SprintCalendar.DEFAULT_LENGTH.toDays(),
        SprintCalendar.DEFAULT_ANCHOR);

    public Voice {
      Objects.requireNonNull(sprintAnchor, "sprintAnchor");
      SprintCalendar.ofDays(sprintAnchor, sprintDays);
    }

    public Voice(Path benchmarksFile, int sprintDays, Instant sprintAnchor) {
      this(benchmarksFile, sprintDays, sprintAnchor, null, false);
    }

    /** VADER with the product lexicon: the shipped one, or the file's ({@code ConfigFileException} if bad). */
    public Vader sentiment() {
      return lexiconFile == null ? Vader.feedback() : ProductLexicon.withFile(lexiconFile, lexiconReplace).scorer();
    }

    public SprintCalendar calendar() {
      return SprintCalendar.ofDays(sprintAnchor, sprintDays);
    }

    /** The shipped benchmarks, overridden by the file when there is one. */
    public IndustryReferences benchmarks() {
      return benchmarksFile == null ? IndustryReferences.defaults() : IndustryReferences.withOverrides(benchmarksFile);
    }
  }

  /** A config with the default voice settings. */
  public ServerConfig(String host, int port, String db, Path journeys, List<String> writeKeys, String readToken,
      List<String> corsOrigins, String faroApiKey, List<String> sessionPaths) {
    this(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, Voice.DEFAULTS);
  }

  /** A config that keeps all data (no retention). */
  public ServerConfig(String host, int port, String db, Path journeys, List<String> writeKeys, String readToken,
      List<String> corsOrigins, String faroApiKey, List<String> sessionPaths, Voice voice, Path experiments,
      Duration queryTimeout, URI prometheusUrl) {
    this(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, voice, experiments,
        queryTimeout, prometheusUrl, RetentionPolicy.KEEP_ALL);
  }

  /** A config without a Prometheus server to read system series from. */
  public ServerConfig(String host, int port, String db, Path journeys, List<String> writeKeys, String readToken,
      List<String> corsOrigins, String faroApiKey, List<String> sessionPaths, Voice voice, Path experiments,
      Duration queryTimeout) {
    this(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, voice, experiments,
        queryTimeout, null);
  }

  /** A config with the default query timeout. */
  public ServerConfig(String host, int port, String db, Path journeys, List<String> writeKeys, String readToken,
      List<String> corsOrigins, String faroApiKey, List<String> sessionPaths, Voice voice, Path experiments) {
    this(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, voice, experiments,
        DEFAULT_QUERY_TIMEOUT);
  }

  /** A config without an experiments file. */
  public ServerConfig(String host, int port, String db, Path journeys, List<String> writeKeys, String readToken,
      List<String> corsOrigins, String faroApiKey, List<String> sessionPaths, Voice voice) {
    this(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, voice, null);
  }

  public ServerConfig {
    voice = voice == null ? Voice.DEFAULTS : voice;
    writeKeys = writeKeys == null ? List.of() : List.copyOf(writeKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    sessionPaths = sessionPaths == null || sessionPaths.isEmpty()
        ? io.uxlens.ingest.SegmentCodec.DEFAULT_SESSION_PATHS : List.copyOf(sessionPaths);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
    retention = retention == null ? RetentionPolicy.KEEP_ALL : retention;
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("the query timeout must be positive");
    }
  }

  /** Loopback, an ephemeral port and the given SQLite file: what tests start. */
  public static ServerConfig local(Path sqliteFile) {
    return local(sqliteFile.toString());
  }

  /** On 127.0.0.1, an ephemeral port, the store {@code db} names (a SQLite file or a PostgreSQL URL). */
  public static ServerConfig local(String db) {
    return new ServerConfig("127.0.0.1", 0, db, null, List.of(), null, List.of(), null, null);
  }

  public ServerConfig withWriteKeys(List<String> keys) {
    return new ServerConfig(host, port, db, journeys, keys, readToken, corsOrigins, faroApiKey, sessionPaths, voice,
        experiments, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withReadToken(String token) {
    return new ServerConfig(host, port, db, journeys, writeKeys, token, corsOrigins, faroApiKey, sessionPaths, voice,
        experiments, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey,
        sessionPaths, voice, experiments, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withJourneys(Path file) {
    return new ServerConfig(host, port, db, file, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths, voice,
        experiments, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withVoice(Voice settings) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths,
        settings, experiments, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withExperiments(Path file) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths,
        voice, file, queryTimeout, prometheusUrl, retention);
  }

  public ServerConfig withQueryTimeout(Duration timeout) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths,
        voice, experiments, timeout, prometheusUrl, retention);
  }

  /** Prometheus' base URL (its HTTP API), read by {@code correlation.system}; null: none. */
  public ServerConfig withPrometheus(URI url) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths,
        voice, experiments, queryTimeout, url, retention);
  }

  public ServerConfig withCors(List<String> origins, String apiKey) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, origins, apiKey, sessionPaths, voice,
        experiments, queryTimeout, prometheusUrl, retention);
  }

  /** How long raw data and rollups are kept (RetentionPolicy.KEEP_ALL: everything). */
  public ServerConfig withRetention(RetentionPolicy policy) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths,
        voice, experiments, queryTimeout, prometheusUrl, policy);
  }
}
