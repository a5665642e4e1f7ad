package io.uxlens.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The senders of {@link CrashBench}: two Segment clients (import journeys, some completed), one OTLP client (spans of
 * the same sessions) and one feedback client. Each builds request {@code k} from {@code k} alone, so a resend carries
 * exactly the same ids, and keeps its own log of the ids the server acknowledged.
 */
final class CrashClients {
  private static final long BASE_MS = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final String[] STEPS = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed"};
  static final int SESSIONS_PER_BATCH = 5;

  /** One sender: its requests, and what was acknowledged of them by kind of record. */
  abstract static class Client {
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();

    abstract String path();

    abstract String contentType();

    /** Request {@code k}: its body, and the ids it carries by kind. */
    abstract Request request(long k);

    Map<String, Set<String>> acknowledged() {
      return acknowledged;
    }

    /** Sends request after request; each one again and again, same ids, until it is acknowledged. */
    void sendUntilStopped(HttpClient http, URI base, AtomicBoolean stopping, AtomicLong resends) throws Exception {
      for (long k = 0; !stopping.get(); k++) {
        Request r = request(k);
        while (true) {
          try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path()))
                .header("Content-Type", contentType()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(r.body())).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
              r.ids().forEach((kind, ids) -> acknowledged.computeIfAbsent(kind, x -> ConcurrentHashMap.newKeySet())
                  .addAll(ids));
              break;
            }
          } catch (IOException serverGone) {
            // killed mid-request: the answer is lost, so the request is sent again
          }
          resends.incrementAndGet();
          Thread.sleep(50);
        }
      }
    }
  }

  record Request(String body, Map<String, List<String>> ids) {}

  private CrashClients() {}

  static List<Client> all() {
    return List.of(new Segment(0), new Segment(1), new Otlp(), new FeedbackSender());
  }

  static String session(int client, long k, int s) {
    return "cs" + client + "-" + k + "-" + s;
  }

  /** Five import sessions per batch; the even ones complete, the odd ones stop after the upload. */
  private static final class Segment extends Client {
    private final int client;

    Segment(int client) {
      this.client = client;
    }

    @Override
    String path() {
      return "/v1/batch";
    }

    @Override
    String contentType() {
      return "application/json";
    }

    @Override
    Request request(long k) {
      StringBuilder sb = new StringBuilder("{\"batch\":[");
      List<String> ids = new java.util.ArrayList<>();
      for (int s = 0; s < SESSIONS_PER_BATCH; s++) {
        int steps = s % 2 == 0 ? STEPS.length : 2;
        for (int e = 0; e < steps; e++) {
          String id = "c" + client + "-" + k + "-" + s + "-" + e;
          ids.add(id);
          sb.append(ids.size() == 1 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"").append(id)
              .append("\",\"userId\":\"u").append(client).append('-').append(s).append("\",\"event\":\"")
              .append(STEPS[e]).append("\",\"timestamp\":\"")
              .append(Instant.ofEpochMilli(BASE_MS + k * 60_000 + s * 1_000 + e * 10_000))
              .append("\",\"properties\":{\"session_id\":\"").append(session(client, k, s)).append("\"}}");
        }
      }
      return new Request(sb.append("]}").toString(), Map.of("events", ids));
    }
  }

  /** Ten spans per export, two for each session of the first Segment client's batch of the same number. */
  private static final class Otlp extends Client {
    @Override
    String path() {
      return "/v1/traces";
    }

    @Override
    String contentType() {
      return "application/json";
    }

    @Override
    Request request(long k) {
      String trace = String.format("%032x", k + 1);
      StringBuilder spans = new StringBuilder();
      List<String> ids = new java.util.ArrayList<>();
      for (int j = 0; j < 10; j++) {
        String span = String.format("%016x", k * 10 + j + 1);
        ids.add(trace + "/" + span);
        long startNs = (BASE_MS + k * 60_000 + j * 1_000) * 1_000_000L;
        spans.append(j == 0 ? "" : ",").append("{\"traceId\":\"").append(trace).append("\",\"spanId\":\"")
            .append(span).append("\",\"name\":\"POST /api/imports/{id}/process\",\"kind\":2,")
            .append("\"startTimeUnixNano\":\"").append(startNs).append("\",\"endTimeUnixNano\":\"")
            .append(startNs + 120_000_000L * (j + 1)).append("\",\"attributes\":[{\"key\":\"session.id\",")
            .append("\"value\":{\"stringValue\":\"").append(session(0, k, j % SESSIONS_PER_BATCH))
            .append("\"}}],\"status\":{\"code\":").append(j == 3 ? 2 : 1).append("}}");
      }
      String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
          + "{\"stringValue\":\"imports-api\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"crash\"},\"spans\":["
          + spans + "]}]}]}";
      return new Request(body, Map.of("spans", ids));
    }
  }

  /** Five NPS answers per request. */
  private static final class FeedbackSender extends Client {
    @Override
    String path() {
      return "/api/v1/feedback";
    }

    @Override
    String contentType() {
      return "application/json";
    }

    @Override
    Request request(long k) {
      StringBuilder sb = new StringBuilder("{\"items\":[");
      List<String> ids = new java.util.ArrayList<>();
      for (int j = 0; j < 5; j++) {
        String id = "fb-" + k + "-" + j;
        ids.add(id);
        sb.append(j == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"kind\":\"nps\",\"score\":")
            .append((k + j) % 11).append(",\"text\":\"import number ").append(k).append("\",\"userId\":\"fu")
            .append(j).append("\",\"journey\":\"inventory-import\",\"timestamp\":\"")
            .append(Instant.ofEpochMilli(BASE_MS + k * 60_000 + j)).append("\"}");
      }
      return new Request(sb.append("]}").toString(), Map.of("feedback", ids));
    }
  }
}
