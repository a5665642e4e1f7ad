package io.uxlens.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import io.uxlens.server.ServerConfig;
import io.uxlens.store.Store;
import io.uxlens.testing.TestServer;
import io.uxlens.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three UX Lens processes on one PostgreSQL database, four Segment clients (the real Java library) spread over them
 * behind a balancer that retries a failed request on the next instance and now and then sends a request twice. The
 * leader is killed with SIGKILL mid-stream. Every acknowledged event must be stored exactly once, another instance
 * must take the jobs over within 10 s, and the attempts and rollups must equal those one instance builds from the
 * same events. Always on PostgreSQL (several instances need it), whichever store the rest of the suite runs on.
 */
class SeveralInstancesTest {
  private static final long BASE = Instant.parse("2026-11-30T09:00:00Z").toEpochMilli();
  private static final int SESSIONS = 600;

  private static final java.util.Queue<String> ERRORS = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @TempDir Path dir;

  @Test
  void leaderKilledMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
    String db = TestStores.postgresDb();
    List<TrackMessage.Builder> messages = journeyTraffic(new Random(14));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    long takeoverMs;
    try (Instances instances = Instances.start(3, db, dir)) {
      Instances.Instance first = instances.awaitOneLeader(15_000);
      assertThat(first).as("one leader among three instances").isNotNull();
      List<URI> uris = instances.all().stream().map(Instances.Instance::uri).toList();
      List<Analytics> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        clients.add(client(uris, c % 3, acknowledged, failed));
      }
      int killAt = messages.size() * 2 / 5;
      for (int i = 0; i < messages.size(); i++) {
        clients.get(i % 4).enqueue(messages.get(i));
        if (i % 20 == 0) {
          Thread.sleep(20);
        }
        if (i == killAt) {
          first.process().destroyForcibly(); // SIGKILL: no shutdown hook, connections cut
        }
      }
      long killed = System.currentTimeMillis();
      Instances.Instance next = instances.awaitOneLeader(10_000);
      takeoverMs = System.currentTimeMillis() - killed;
      assertThat(next).as("a surviving instance leads within 10 s of the kill").isNotNull();
      assertThat(next).isNotEqualTo(first);
      clients.forEach(Analytics::flush);
      awaitCallbacks(acknowledged, failed, messages.size());
      clients.forEach(Analytics::shutdown);
      assertThat(failed).as("the balancer retried every failed request on a live instance; errors: %s",
          ERRORS.stream().distinct().limit(5).toList()).isEmpty();
      assertThat(acknowledged).hasSize(messages.size());
      awaitSettled(next);

      try (Store store = Store.open(db)) {
        Map<String, Long> copies = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT id, COUNT(*) FROM events GROUP BY id").setMapKeyColumn("id").setMapValueColumn("count")
            .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, Long>>() {}));
        assertThat(copies.keySet()).as("every acknowledged event stored").containsAll(acknowledged);
        assertThat(copies.values()).as("each stored once, whichever instances a retry went through")
            .allMatch(n -> n == 1L);
        Map<String, Object> cluster = journeyState(store);

        String single = TestStores.postgresDb();
        try (TestServer one = TestServer.start(dir.resolve("one"), c -> ServerConfig.local(single))) {
          // the events exactly as the cluster stored them (Segment corrects each request's clock skew on
          // arrival, so a resend through the client would shift timestamps by a few ms)
          List<String> batches = storedEventsAsBatches(store);
          for (String batch : batches) {
            assertThat(one.postJson("/v1/batch", batch).status()).isEqualTo(200);
          }
          awaitSettled(one.uri("/"));
          try (Store reference = Store.open(single)) {
            Map<String, Object> alone = journeyState(reference);
            assertThat(((List<?>) cluster.get("attempts"))).as("attempts built").hasSizeGreaterThan(SESSIONS / 2);
            assertSame("attempts", cluster, alone);
            assertSame("rollups", cluster, alone);
          }
        }
      }
    }
    System.out.printf("several instances: %d events acknowledged, takeover after the kill in %d ms%n",
        acknowledged.size(), takeoverMs);
  }

  /** Sessions of the inventory-import journey: completed, abandoned at each step, some with errors. */
  private static List<TrackMessage.Builder> journeyTraffic(Random random) {
    String[] steps = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};
    List<TrackMessage.Builder> out = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      long t = BASE + s * 7_000L;
      int reach = 1 + random.nextInt(steps.length);
      for (int k = 0; k < reach; k++) {
        t += 5_000 + random.nextInt(60_000);
        out.add(track(steps[k], s, k, t));
        if (random.nextInt(10) == 0) {
          out.add(track("Row Rejected", s, 10 + k, t + 1_000));
        }
      }
    }
    return out;
  }

  private static TrackMessage.Builder track(String event, int session, int k, long t) {
    return TrackMessage.builder(event).userId("u" + session).messageId("m-" + session + "-" + k)
        .timestamp(new Date(t)).properties(Map.of("session_id", "s" + session));
  }

  /**
   * A Segment client whose requests go to instance {@code home}; like a load balancer, a request that fails to
   * connect or is cut goes to the next instance, and every fifth one is first sent to the next one too (a retry after
   * a lost answer), so the same messageIds reach two instances.
   */
  private static Analytics client(List<URI> uris, int home, Set<String> ok, Set<String> failed) {
    AtomicInteger requests = new AtomicInteger();
    Interceptor balancer = chain -> {
      Request original = chain.request();
      boolean twice = requests.incrementAndGet() % 5 == 0 && uris.size() > 1;
      if (twice) {
        URI other = uris.get((home + 1) % uris.size());
        try {
          chain.proceed(original.newBuilder().url(original.url().newBuilder().host(other.getHost())
              .port(other.getPort()).build()).build()).close();
        } catch (IOException ignored) {
          // the duplicate is best effort, as a balancer's would be
        }
      }
      IOException last = null;
      for (int a = 0; a < uris.size(); a++) {
        URI target = uris.get((home + a) % uris.size());
        HttpUrl url = original.url().newBuilder().host(target.getHost()).port(target.getPort()).build();
        try {
          return chain.proceed(original.newBuilder().url(url).build());
        } catch (IOException e) {
          last = e;
        }
      }
      throw last;
    };
    return Analytics.builder("wk").endpoint(uris.get(home).toString())
        .client(new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS)
            .addInterceptor(balancer).build())
        .flushQueueSize(20).flushInterval(1, TimeUnit.SECONDS).retries(1)
        .callback(new Callback() {
          @Override
          public void success(Message message) {
            ok.add(message.messageId());
          }

          @Override
          public void failure(Message message, Throwable error) {
            failed.add(message.messageId());
            ERRORS.add(String.valueOf(error));
          }
        }).build();
  }

  private static void awaitCallbacks(Set<String> ok, Set<String> failed, int total) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    while (ok.size() + failed.size() < total && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void awaitSettled(Instances.Instance leader) throws Exception {
    awaitSettled(leader.uri());
  }

  /** Until the sessionizer's cursor has reached the stored head and stays there for a second. */
  private static void awaitSettled(URI instance) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    int stable = 0;
    while (System.currentTimeMillis() < deadline && stable < 3) {
      JsonNode s = Instances.status(new Instances.Instance(null, null, instance));
      JsonNode z = s == null ? null : s.path("sessionizer");
      boolean caughtUp = z != null && z.path("head").path("events").asLong()
          == z.path("cursor").path("events").asLong() && z.path("head").path("events").asLong() > 0;
      stable = caughtUp ? stable + 1 : 0;
      Thread.sleep(500);
    }
    assertThat(stable).as("the sessionizer caught up").isGreaterThanOrEqualTo(3);
  }

  private static List<String> storedEventsAsBatches(Store store) {
    List<Map<String, Object>> rows = store.jdbi().withHandle(h -> h.createQuery(
        "SELECT id, type, name, ts, user_id, anonymous_id, properties, context FROM events ORDER BY seq")
        .mapToMap().list());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 500) {
      List<Map<String, Object>> batch = new ArrayList<>();
      for (Map<String, Object> r : rows.subList(i, Math.min(rows.size(), i + 500))) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("messageId", r.get("id"));
        m.put("type", r.get("type"));
        m.put("event", r.get("name"));
        m.put("timestamp", Instant.ofEpochMilli((Long) r.get("ts")).toString());
        m.put("userId", r.get("user_id"));
        m.put("anonymousId", r.get("anonymous_id"));
        m.put("properties", parse((String) r.get("properties")));
        m.put("context", parse((String) r.get("context")));
        batch.add(m);
      }
      out.add(io.uxlens.json.Json.write(Map.of("batch", batch)));
    }
    return out;
  }

  private static Object parse(String json) {
    try {
      return io.uxlens.json.Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows only in one of the two stores, a few of each, so a difference reads at a glance. */
  private static void assertSame(String table, Map<String, Object> cluster, Map<String, Object> alone) {
    List<?> a = (List<?>) cluster.get(table);
    List<?> b = (List<?>) alone.get(table);
    List<?> onlyCluster = a.stream().filter(r -> !b.contains(r)).limit(3).toList();
    List<?> onlyAlone = b.stream().filter(r -> !a.contains(r)).limit(3).toList();
    assertThat(onlyCluster).as("%s rows of the three instances that one instance does not have (one instance "
        + "has instead: %s)", table, onlyAlone).isEmpty();
    assertThat(onlyAlone).as("%s rows missing from the three instances", table).isEmpty();
    assertThat(a).as("%s rows", table).hasSameSizeAs(b);
  }

  /** Every attempt and rollup row, as comparable text. */
  private static Map<String, Object> journeyState(Store store) {
    return store.jdbi().withHandle(h -> Map.of(
        "attempts", h.createQuery("SELECT * FROM journey_attempts ORDER BY id").mapToMap().list().stream()
            .map(SeveralInstancesTest::text).toList(),
        "rollups", h.createQuery("SELECT * FROM journey_rollups ORDER BY journey, res_ms, dim, dim_value, bucket_ms")
            .mapToMap().list().stream().map(SeveralInstancesTest::text).toList()));
  }

  private static String text(Map<String, Object> row) {
    return row.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof byte[] b
        ? HexFormat.of().formatHex(b) : String.valueOf(e.getValue()))).collect(Collectors.joining(", "));
  }
}
