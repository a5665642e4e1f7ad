package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.ingest.FaroCodec;
import io.uxlens.json.Json;
import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.Measurement;
import io.uxlens.model.Outcome;
import io.uxlens.testing.External;
import io.uxlens.testing.StaticSite;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's headless Chromium loads a page from another loopback origin that runs the real Faro Web SDK 2.12.1
 * (bundled from npm by esbuild at test time) against UX Lens /collect: its fetch transport (preflighted, with
 * x-faro-session-id and Idempotency-Key), its errors and web-vitals instrumentations, and a sendBeacon on unload.
 * The same page on an origin that is not allowed gets nothing in; so does the page using Faro's experimental OTLP
 * transport (documented as unsupported). Needs chromium and
 * {@code npm ci --prefix src/test/node/browser}: skipped locally without them, failed under CI=true.
 */
class FaroBrowserTest {
  static final Path DRIVER = Path.of("src/test/node/browser");
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final String KEY = "browser-key";
  static final String SESSION = "sess-browser-1";
  static final String REFUSED_SESSION = "sess-browser-refused";
  static final String OTLP_SESSION = "sess-browser-otlp";

  @TempDir Path dir;

  static void requireBrowser() {
    External.require(Files.isExecutable(CHROMIUM), "Chromium is missing: apt-get install -y --no-install-recommends "
        + "chromium (or set CHROMIUM to its path) to run the Faro Web SDK in a real browser");
    External.require(Files.isDirectory(DRIVER.resolve("node_modules/@grafana/faro-web-sdk")),
        "@grafana/faro-web-sdk is missing: run `npm ci --prefix src/test/node/browser`");
  }

  @Test
  void faroWebSdkInChromiumDeliversFromTheAllowedOriginOnlyAndJoinsTheSegmentSession() throws Exception {
    requireBrowser();
    Path site = Files.createDirectories(dir.resolve("site"));
    try (StaticSite pages = StaticSite.serve(site, 2)) {
      String allowed = pages.origin(0);
      String refused = pages.origin(1);
      try (TestServer s = TestServer.start(dir, c -> c.withCors(List.of(allowed), KEY))) {
        long start = System.currentTimeMillis() - 2_000;
        segment(s, start, "Cart Viewed", Map.of());

        String otlpVisit = allowed + "/index.html?otlp=" + enc(s.uri("/").toString().replaceAll("/$", ""))
            + "&session=" + OTLP_SESSION + "&label=otlp";
        List<JsonNode> visits = browse(site, visit(s, refused, REFUSED_SESSION, "refused"),
            visit(s, allowed, SESSION, "allowed"), otlpVisit);
        JsonNode seenRefused = visits.get(0);
        JsonNode seenAllowed = visits.get(1);
        JsonNode seenOtlp = visits.get(2);
        assertThat(seenAllowed.get("statuses").toString()).as("the allowed page's posts: %s", seenAllowed)
            .contains("202");
        assertThat(seenAllowed.get("failures")).as("%s", seenAllowed).isEmpty();
        assertThat(seenRefused.get("statuses").toString()).as("%s", seenRefused).doesNotContain("202");

        StoredRecords events = new StoredRecords(s.server().store().jdbi());
        StoredRecords measurements = new StoredRecords(s.server().store().jdbi());
        awaitTrue(() -> names(events.eventsOfSession(SESSION)).containsAll(List.of("Checkout Started", "Payment Clicked",
            FaroCodec.EXCEPTION_EVENT, "Page Hidden"))
            && vitals(measurements.measurementsOfSession(SESSION)).keySet().containsAll(List.of("fcp", "ttfb", "lcp", "cls")),
            () -> "browser records under " + SESSION + ": " + names(events.eventsOfSession(SESSION)) + " "
                + vitals(measurements.measurementsOfSession(SESSION)));

        // The uncaught TypeError, with the frame Chromium's stack gave Faro.
        Event error = events.eventsOfSession(SESSION).stream()
            .filter(e -> e.name().equals(FaroCodec.EXCEPTION_EVENT)).findFirst().orElseThrow();
        JsonNode props = Json.MAPPER.readTree(error.properties());
        assertThat(props.path("type").asText()).isEqualTo("TypeError");
        assertThat(props.path("value").asText()).contains("card form is not ready (allowed)");
        assertThat(props.path("frame").path("filename").asText()).endsWith("/faro-page.js");
        JsonNode context = Json.MAPPER.readTree(error.context());
        assertThat(context.path("app").path("name").asText()).isEqualTo("shop-web");
        assertThat(context.path("browser").path("name").asText()).containsIgnoringCase("chrom");

        // Nothing from the page on the origin that is not allowed: not its fetches, not its beacon.
        assertThat(events.eventsOfSession(REFUSED_SESSION)).isEmpty();
        assertThat(measurements.measurementsOfSession(REFUSED_SESSION)).isEmpty();
        assertThat(s.count("events")).as("only the Segment event and the allowed page's events")
            .isEqualTo(events.eventsOfSession(SESSION).size());
        assertThat(s.count("measurements")).isEqualTo(measurements.measurementsOfSession(SESSION).size());
        assertThat(s.count("spans")).as("the allowed page's span, sent inside its Faro batch").isEqualTo(1);

        // Faro's experimental OTLP transport: /v1/traces is a server endpoint (no CORS, Segment write key) and
        // there is no /v1/logs, so the browser blocks it and nothing arrives (docs/BROWSER.md says so).
        assertThat(seenOtlp.get("failures").toString()).as("%s", seenOtlp).contains("/v1/traces");
        assertThat(seenOtlp.get("statuses").toString()).as("%s", seenOtlp).doesNotContain(" 200", " 202");
        assertThat(events.eventsOfSession(OTLP_SESSION)).isEmpty();

        // The web vitals Chromium measured, read back through the catalogue.
        long to = System.currentTimeMillis() + 60_000;
        JsonNode rows = s.get("/api/v1/rows/perf.web_vitals?from=" + (start - 60_000) + "&to=" + to
            + "&interval=1h&vital=lcp&vital=fcp&vital=ttfb&quantile=p50").json().get("rows");
        Set<String> reported = new TreeSet<>();
        rows.forEach(r -> reported.add(r.get("vital").asText()));
        assertThat(reported).contains("lcp", "fcp", "ttfb");

        // The rest of the visit comes from the server side (Segment): one checkout attempt, whose second step is
        // the browser's Faro event, and whose performance holds the page's web vitals and its JS error.
        long now = System.currentTimeMillis();
        segment(s, now, "Checkout Step Completed", Map.of("step", 1));
        segment(s, now + 1, "Payment Info Entered", Map.of());
        segment(s, now + 2, "Order Completed", Map.of());
        awaitTrue(() -> completed(s, start, to).size() == 1, () -> "attempts: " + attempts(s, start, to));
        Attempt a = completed(s, start, to).get(0);
        assertThat(a.sessionId()).isEqualTo(SESSION);
        assertThat(a.stepTimes()).hasSize(5);
        Event checkout = events.eventsOfSession(SESSION).stream().filter(e -> e.name().equals("Checkout Started"))
            .findFirst().orElseThrow();
        assertThat(checkout.source()).isEqualTo("faro");
        assertThat(a.stepTimes().get(1)).as("the checkout step is the browser's event").isEqualTo(checkout.timestamp());
        assertThat(a.performance().jsErrors()).isEqualTo(1);
        assertThat(a.performance().lcpMs()).isEqualTo(vitals(measurements.measurementsOfSession(SESSION)).get("lcp"));
        assertThat(a.performance().cls()).isNotNull();
        assertThat(a.performance().renderMs()).isEqualTo(42.0);
        JsonNode funnel = s.get("/api/v1/rows/journey.funnel?from=" + (start - 60_000) + "&to=" + to
            + "&journey=checkout").json().get("rows");
        assertThat(funnel.get(1).get("step").asText()).isEqualTo("checkout");
        assertThat(funnel.get(1).get("reached").asLong()).isEqualTo(1);
      }
    }
  }

  /** The page URL for one visit: where to post, the API key, the Segment session to link, a label. */
  static String visit(TestServer s, String origin, String session, String label) {
    return origin + "/index.html?collect=" + enc(s.uri("/collect").toString()) + "&key=" + KEY + "&session="
        + enc(session) + "&label=" + label;
  }

  /** Runs the driver (bundle, then Chromium through each visit); one JSON object per visit. */
  static List<JsonNode> browse(Path site, String... urls) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node", "run.mjs", site.toAbsolutePath().toString()));
    cmd.addAll(List.of(urls));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(DRIVER.toFile()).redirectErrorStream(true);
    pb.environment().put("CHROMIUM", CHROMIUM.toString());
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("the browser run finished: " + out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<JsonNode> visits = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("{\"url\"")) {
        visits.add(Json.MAPPER.readTree(line));
      }
    }
    assertThat(visits).as(out).hasSize(urls.length);
    return visits;
  }

  static void segment(TestServer s, long ts, String event, Map<String, Object> properties) throws Exception {
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.put("session_id", SESSION);
    String body = Json.write(Map.of("type", "track", "userId", "shopper-1", "event", event,
        "messageId", "browser-" + event.replace(' ', '-'), "timestamp", Instant.ofEpochMilli(ts).toString(),
        "properties", props));
    TestServer.Response r = s.postJson("/v1/track", body);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  static List<Attempt> attempts(TestServer s, long from, long to) {
    return s.server().journeys().kpis().attempts("checkout", from - 60_000, to, Map.of());
  }

  static List<Attempt> completed(TestServer s, long from, long to) {
    return attempts(s, from, to).stream().filter(a -> a.outcome() == Outcome.COMPLETED).toList();
  }

  static List<String> names(List<Event> events) {
    return events.stream().map(Event::name).toList();
  }

  static Map<String, Double> vitals(List<Measurement> ms) {
    Map<String, Double> out = new LinkedHashMap<>();
    ms.forEach(m -> out.put(m.name(), m.value()));
    return out;
  }

  static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not within 15 s: " + what.get());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
