package io.uxlens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real UX Lens server on 127.0.0.1, an ephemeral port and a SQLite file in a test's temp folder,
 * plus a plain JDK HTTP client to talk to it. No mocks: what the test sees is what a client sees.
 */
public final class TestServer implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final UxLensServer server;
  private final Path db;

  private TestServer(UxLensServer server, Path db) {
    this.server = server;
    this.db = db;
  }

  public static TestServer start(Path dir) throws Exception {
    return start(dir, c -> c);
  }

  public static TestServer start(Path dir, UnaryOperator<ServerConfig> customise) throws Exception {
    Path db = dir.resolve("uxlens.db");
    return new TestServer(UxLensServer.newServer(customise.apply(ServerConfig.local(db))), db);
  }

  public UxLensServer server() {
    return server;
  }

  public Path db() {
    return db;
  }

  public URI uri(String path) {
    return server.uri().resolve(path);
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response postJson(String path, String json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  /** The status endpoint's count for one kind of record. */
  public long count(String kind) throws IOException, InterruptedException {
    return get("/api/v1/status").json().path("counts").path(kind).asLong();
  }

  @Override
  public void close() {
    server.close();
  }

  /** A response with its body as text or JSON. */
  public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON: " + text(), e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
