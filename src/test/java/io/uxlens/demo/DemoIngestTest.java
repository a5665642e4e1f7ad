package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo sends its history through the real ingest endpoints, and everything it sent is stored. */
class DemoIngestTest {
  @TempDir
  Path dir;

  @Test
  void historyArrivesThroughEveryIngestPathAndARestartKeepsIt() throws Exception {
    long now = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
    Demo.Settings settings = new Demo.Settings(1, 7, 1, false, 1, "127.0.0.1", 0, dir.resolve("demo.db"), false, 4);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<Long> progress = new ArrayList<>();
    DemoLoad.Result loaded;
    try (Demo demo = Demo.start(settings, progress::add, now)) {
      demo.printWelcome(new PrintStream(text, true, StandardCharsets.UTF_8));
      loaded = demo.loaded();
      JsonNode counts = status(demo.baseUri()).path("counts");
      assertThat(counts.path("events").asLong()).isEqualTo(loaded.counts().get("events")).isGreaterThan(1_000);
      assertThat(counts.path("spans").asLong()).isEqualTo(loaded.counts().get("spans")).isGreaterThan(1_000);
      assertThat(counts.path("measurements").asLong()).isEqualTo(loaded.counts().get("measurements"))
          .isGreaterThan(1_000);
      assertThat(counts.path("feedback").asLong()).isEqualTo(loaded.counts().get("feedback")).isGreaterThan(50);
      assertThat(counts.path("annotations").asLong()).isEqualTo(loaded.counts().get("annotations"))
          .isGreaterThanOrEqualTo(4);
      // the URLs printed for Prometheus and the Grafana data sources answer
      for (String path : new String[] {"/metrics", "/grafana", "/api/v1/catalogue"}) {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(demo.baseUri().resolve(path))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
    }
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)).isEqualTo(25L);
    String printed = text.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("/api/v1/status", "/metrics", "/grafana", "/api/v1/rows/");
    // History is what the generator made with that anchor, less what lies after it.
    long expectedTracks = new DemoGenerator(7, 1).history(now, 1)
        .filter(r -> r instanceof DemoRecord.Track && r.time() <= now).count();
    assertThat(loaded.counts().get("events")).isEqualTo(expectedTracks);
    assertThat(loaded.future()).allMatch(r -> r.time() > now);

    // A second start on the same file keeps the data instead of loading it twice.
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (Demo demo = Demo.start(settings, p -> { }, now)) {
      demo.printWelcome(new PrintStream(again, true, StandardCharsets.UTF_8));
      assertThat(status(demo.baseUri()).path("counts").path("events").asLong())
          .isEqualTo(loaded.counts().get("events"));
      assertThat(demo.loaded().sessions()).isZero();
    }
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("kept them");
  }

  @Test
  void liveTrafficStartsSessionsNowAndSendsEachRecordWhenItsTimeComes() throws Exception {
    long now = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
    Demo.Settings settings = new Demo.Settings(1, 9, 0.05, false, 1, "127.0.0.1", 0, dir.resolve("live.db"), false,
        2);
    try (Demo demo = Demo.start(settings, h -> { }, now);
         DemoSender sender = new DemoSender(demo.baseUri(), Demo.WRITE_KEY, 2)) {
      long before = status(demo.baseUri()).path("counts").path("events").asLong();
      java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(now);
      LiveTraffic live = new LiveTraffic(sender, new DemoGenerator(9, 1).live(now, 1), 5, demo.loaded().future(),
          clock::get, now);
      int sent = 0;
      for (int i = 0; i < 30; i++) {
        clock.addAndGet(1_000);
        sent += live.tick();
      }
      JsonNode st = status(demo.baseUri());
      assertThat(st.path("counts").path("events").asLong()).isGreaterThan(before);
      assertThat(Instant.parse(st.path("newestEventTime").asText()).toEpochMilli()).isLessThanOrEqualTo(clock.get());
      assertThat(live.pending()).as("sessions started in the last 30 s still have steps to come").isPositive();
      int pending = live.pending();
      clock.addAndGet(3 * 3_600_000L);
      sent += live.tick();
      assertThat(sent).isGreaterThan(pending);
      live.close();
    }
  }

  static JsonNode status(URI base) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/status"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }
}
