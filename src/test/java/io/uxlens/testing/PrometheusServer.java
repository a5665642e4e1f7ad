package io.uxlens.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A real Prometheus server (Debian package {@code prometheus}) on 127.0.0.1, holding the samples of an OpenMetrics
 * text backfilled with {@code promtool tsdb create-blocks-from openmetrics} into the data directory it opens, and
 * scraping nothing. Without the binaries the test is skipped with the install command, and fails under CI=true.
 */
public final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final URI uri;

  private PrometheusServer(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  /** True when both prometheus and promtool are on PATH. */
  public static boolean installed() {
    return onPath("prometheus") != null && onPath("promtool") != null;
  }

  /** Starts Prometheus over the samples of {@code openMetrics} (ending with {@code # EOF}), ready to query. */
  public static PrometheusServer start(Path dir, String openMetrics) throws IOException, InterruptedException {
    External.require(installed(), "prometheus and promtool not found on PATH; install them with "
        + "'apt-get install -y --no-install-recommends prometheus'");
    Path data = Files.createDirectories(dir.resolve("prometheus-data"));
    Path samples = dir.resolve("samples.om");
    Files.writeString(samples, openMetrics, StandardCharsets.UTF_8);
    Process backfill = new ProcessBuilder(onPath("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        samples.toString(), data.toString()).redirectErrorStream(true).start();
    String out = new String(backfill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assertions.assertTrue(backfill.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    Assertions.assertEquals(0, backfill.exitValue(), out);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(List.of(onPath("prometheus").toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port));
    server.awaitReady(dir.resolve("prometheus.log"));
    return server;
  }

  private void awaitReady(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    close();
    Assertions.fail("prometheus did not become ready: " + Files.readString(log));
  }

  private static Path onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
