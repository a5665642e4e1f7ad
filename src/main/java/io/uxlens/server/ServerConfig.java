package io.uxlens.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a server needs to start. {@code db} is a SQLite file path or a jdbc:postgresql: URL;
 * {@code journeys} null means the definitions shipped in the jar.
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
    List<String> sessionPaths) {

  public ServerConfig {
    writeKeys = writeKeys == null ? List.of() : List.copyOf(writeKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    sessionPaths = sessionPaths == null || sessionPaths.isEmpty()
        ? io.uxlens.ingest.SegmentCodec.DEFAULT_SESSION_PATHS : List.copyOf(sessionPaths);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
  }

  /** Loopback, an ephemeral port and the given SQLite file: what tests start. */
  public static ServerConfig local(Path sqliteFile) {
    return new ServerConfig("127.0.0.1", 0, sqliteFile.toString(), null, List.of(), null, List.of(), null, null);
  }

  public ServerConfig withWriteKeys(List<String> keys) {
    return new ServerConfig(host, port, db, journeys, keys, readToken, corsOrigins, faroApiKey, sessionPaths);
  }

  public ServerConfig withReadToken(String token) {
    return new ServerConfig(host, port, db, journeys, writeKeys, token, corsOrigins, faroApiKey, sessionPaths);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, db, journeys, writeKeys, readToken, corsOrigins, faroApiKey,
        sessionPaths);
  }

  public ServerConfig withJourneys(Path file) {
    return new ServerConfig(host, port, db, file, writeKeys, readToken, corsOrigins, faroApiKey, sessionPaths);
  }

  public ServerConfig withCors(List<String> origins, String apiKey) {
    return new ServerConfig(host, port, db, journeys, writeKeys, readToken, origins, apiKey, sessionPaths);
  }
}
