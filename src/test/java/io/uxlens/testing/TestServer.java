package io.uxlens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import io.uxlens.server.Safeguards;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real UX Lens server on 127.0.0.1, an ephemeral port and a SQLite file in a temp folder, plus a plain JDK HTTP
 * client to talk to it. No mocks: what the test sees is what a client sees.
 *
 * <p>Either started by hand ({@link #start(Path)}, closed by the test), or registered as a JUnit extension:
 * {@code @RegisterExtension final TestServer server = TestServer.perTest();} gives each test a fresh server, and a
 * {@code static} field with {@link #perClass()} one server for the whole class, seeded once.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What to do with a freshly started server before the tests see it (ingest a fixture, wait for attempts). */
  @FunctionalInterface
  public interface Seed {
    void seed(TestServer server) throws Exception;
  }

  private final UnaryOperator<ServerConfig> customise;
  private final boolean perClass;
  private final Seed seed;
  private UxLensServer server;
  private Safeguards safeguards = Safeguards.NONE;
  private String db;
  private Path ownedDir;

  private TestServer(UnaryOperator<ServerConfig> customise, boolean perClass, Seed seed) {
    this.customise = customise;
    this.perClass = perClass;
    this.seed = seed;
  }

  public static TestServer start(Path dir) throws Exception {
    return start(dir, c -> c);
  }

  public static TestServer start(Path dir, UnaryOperator<ServerConfig> customise) throws Exception {
    return start(dir, customise, Safeguards.NONE);
  }

  /** A server with hardening options (metrics token, TLS, PII masking, rate limit). */
  public static TestServer start(Path dir, UnaryOperator<ServerConfig> customise, Safeguards safeguards)
      throws Exception {
    TestServer s = new TestServer(customise, false, null);
    s.safeguards = safeguards;
    s.open(dir);
    return s;
  }

  /** A fresh server for every test of a class (register in an instance field). */
  public static TestServer perTest() {
    return perTest(c -> c);
  }

  public static TestServer perTest(UnaryOperator<ServerConfig> customise) {
    return new TestServer(customise, false, null);
  }

  /** One server for all tests of a class (register in a static field), seeded once. */
  public static TestServer perClass() {
    return perClass(c -> c, s -> { });
  }

  public static TestServer perClass(UnaryOperator<ServerConfig> customise, Seed seed) {
    return new TestServer(customise, true, seed);
  }

  private void open(Path dir) throws Exception {
    db = TestStores.db(dir, "uxlens");
    server = UxLensServer.newServer(customise.apply(ServerConfig.local(db)), safeguards);
  }

  private void openOwned() throws Exception {
    ownedDir = Files.createTempDirectory("uxlens-test");
    open(ownedDir);
    if (seed != null) {
      seed.seed(this);
    }
  }

  private void closeOwned() throws IOException {
    close();
    if (ownedDir != null) {
      try (Stream<Path> walk = Files.walk(ownedDir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      ownedDir = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (perClass) {
      openOwned();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (perClass) {
      closeOwned();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      openOwned();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      closeOwned();
    }
  }

  public UxLensServer server() {
    return server;
  }

  /** The store's {@code --db} value: a SQLite file, or a PostgreSQL URL when the suite runs on PostgreSQL. */
  public String db() {
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
    if (server != null) {
      server.close();
    }
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
