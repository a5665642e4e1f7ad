package io.uxlens.server;

import io.uxlens.Refusal;
import io.uxlens.ingest.FaroCodec;
import io.uxlens.prometheus.IngestMetrics;
import io.uxlens.prometheus.RejectReason;
import io.uxlens.store.RecordBatch;
import io.uxlens.store.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Grafana Faro collector endpoint (docs/CONTRACTS.md "Grafana Faro collector"), as Alloy's faro.receiver serves it. */
final class FaroRoutes {
  private static final String SOURCE = "faro";
  private final IngestMetrics metrics;
  static final String PATH = "/collect";
  static final String API_KEY_PARAM = "api_key";
  /** Retries come within minutes; this many recent batch keys cover far more than that at any real rate. */
  private static final int REMEMBERED_KEYS = 50_000;
  private final IdempotencyKeys idempotency = new IdempotencyKeys(REMEMBERED_KEYS);

  private final FaroCodec codec;
  private final byte[] apiKey;
  private final Writer writer;
  private IngestGuard guard = IngestGuard.OPEN;

  FaroRoutes(FaroCodec codec, String apiKey, Writer writer, IngestMetrics metrics) {
    this.metrics = metrics;
    this.codec = codec;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.writer = writer;
  }

  /** Rate limit and PII mask applied to what this route stores. */
  FaroRoutes guarded(IngestGuard ingestGuard) {
    this.guard = ingestGuard;
    return this;
  }

  void register(Router router) {
    router.add("POST", PATH, IngestCounting.counted(metrics, SOURCE, this::collect));
  }

  private Reply collect(HttpCall call) {
    // sendBeacon cannot set headers: a page may put the key in the query instead (it is public in the page anyway).
    String given = call.header("x-api-key");
    checkKey(given != null ? given : call.query(API_KEY_PARAM));
    String idempotencyKey = IdempotencyKeys.keyOf(call);
    byte[] bytes = call.body(Limits.FARO_BODY_BYTES, "Faro payload");
    Reply earlier = idempotencyKey == null ? null : idempotency.replay(idempotencyKey, bytes);
    if (earlier != null) {
      return earlier;
    }
    Reply reply = store(call, HttpCall.json(bytes));
    if (idempotencyKey != null) {
      idempotency.remember(idempotencyKey, bytes, reply);
    }
    return reply;
  }

  private Reply store(HttpCall call, com.fasterxml.jackson.databind.JsonNode payload) {
    FaroCodec.Decoded d = codec.decode(payload, System.currentTimeMillis());
    int offered = d.events().size() + d.measurements().size() + d.traces().spans().size();
    if (offered == 0 && !d.rejected().isEmpty()) {
      return Rejections.allRejected(d.rejected());
    }
    RecordBatch.Inserted n = DurableWrite.commit(writer, guard.admit(call, RecordBatch.EMPTY
        .withEvents(d.events()).withMeasurements(d.measurements()).withSpans(d.traces().spans())));
    metrics.accepted(SOURCE, "events", n.events());
    metrics.accepted(SOURCE, "measurements", n.measurements());
    metrics.accepted(SOURCE, "spans", n.spans());
    metrics.duplicates(SOURCE, "events", offered - n.total());
    metrics.rejected(SOURCE, RejectReason.INVALID_RECORD, d.rejected().size());
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("events", n.events());
    accepted.put("measurements", n.measurements());
    accepted.put("spans", n.spans());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", accepted);
    body.put("duplicates", offered - n.total());
    body.put("rejected", d.rejected());
    if (d.ignoredLogs() > 0) {
      body.put("ignored", Map.of("logs", d.ignoredLogs()));
    }
    return Reply.json(202, body);
  }

  private void checkKey(String given) {
    if (apiKey == null) {
      return;
    }
    if (given == null) {
      throw new Refusal(401, "an API key is required in the x-api-key header (or the api_key query "
          + "parameter, for sendBeacon)", "x-api-key");
    }
    if (!MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
      throw new Refusal(401, "the x-api-key is not valid", "x-api-key");
    }
  }
}
