package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never earns a 5xx on the telemetry endpoints: in a valid Faro payload, OTLP JSON export, feedback batch,
 * Segment survey batch and annotation, 1 to 3 values anywhere in the tree are replaced by values of the wrong shape
 * (seeded, bounded); every answer must be a JSON 2xx or 4xx.
 */
class TelemetryFuzzTest {
  private static final List<String> ODD_VALUES = List.of("null", "true", "0", "-1.5e308", "\"\"", "\" \"", "[]",
      "{}", "[{}]", "{\"a\":{\"b\":[null]}}", "\"2026-13-45T99:00:00Z\"", "\"\\u0000\"", "1e999",
      "\"" + "z".repeat(300) + "\"", "12345678901234567890", "\"zz\"", "-1", "\"ffffffffffffffffffffffffffffffff\"");

  @TempDir Path dir;

  @Test
  void mutatedTelemetryNeverGets5xx() throws Exception {
    List<String[]> cases = List.of(
        new String[] {"/collect", FaroIngestTest.payload("scopeSpans")},
        new String[] {"/collect", FaroIngestTest.payload("instrumentationLibrarySpans")},
        new String[] {"/v1/traces", OtlpIngestTest.otlpJson("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174",
            "scopeSpans")},
        new String[] {"/api/v1/feedback", "{\"items\":[{\"id\":\"f\",\"kind\":\"nps\",\"score\":9,\"text\":\"t\","
            + "\"userId\":\"u\",\"sessionId\":\"s\",\"journey\":\"j\",\"timestamp\":\"2026-05-01T10:00:00Z\","
            + "\"tags\":[\"a\"]}]}"},
        new String[] {"/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"m\","
            + "\"event\":\"Survey Responded\",\"timestamp\":\"2026-05-01T10:00:00Z\",\"properties\":{\"kind\":\"csat\","
            + "\"score\":4,\"text\":\"ok\",\"journey\":\"j\",\"tags\":[\"a\"],\"session_id\":\"s\"}}]}"},
        new String[] {"/api/v1/annotations", "[{\"time\":\"2026-05-01T10:00:00Z\",\"timeEnd\":1777640400000,"
            + "\"title\":\"Deploy\",\"text\":\"x\",\"tags\":[\"deploy\"]}]"});
    Random random = new Random(11);
    try (TestServer server = TestServer.start(dir)) {
      for (String[] c : cases) {
        JsonNode valid = Json.MAPPER.readTree(c[1]);
        List<JsonNode[]> slots = new ArrayList<>();
        collect(valid, slots);
        for (int round = 0; round < 60; round++) {
          JsonNode doc = valid.deepCopy();
          List<JsonNode[]> docSlots = new ArrayList<>();
          collect(doc, docSlots);
          int mutations = 1 + random.nextInt(3);
          for (int m = 0; m < mutations; m++) {
            JsonNode[] slot = docSlots.get(random.nextInt(docSlots.size()));
            replace(slot, Json.MAPPER.readTree(ODD_VALUES.get(random.nextInt(ODD_VALUES.size()))));
          }
          String body = doc.toString();
          TestServer.Response r = server.postJson(c[0], body);
          assertThat(r.status()).as("%s %s -> %s", c[0], body, r.text()).isLessThan(500);
          assertThat(r.json().isObject()).as(r.text()).isTrue();
        }
      }
      for (String path : List.of("/collect", "/v1/traces", "/api/v1/feedback", "/api/v1/annotations")) {
        for (String body : List.of("null", "[]", "\"x\"", "1", "{}", "[null,[],1]", "\u00ff\u00fe",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"resourceSpans\":" + "[".repeat(900) + "]".repeat(900) + "}")) {
          TestServer.Response r = server.postJson(path, body);
          assertThat(r.status()).as("%s %s -> %s", path, body, r.text()).isLessThan(500);
        }
      }
    }
  }

  /** Every (container, key-or-index) in the tree, as [parent, key] pairs (the key as a text or int node). */
  private static void collect(JsonNode n, List<JsonNode[]> out) {
    if (n instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(k -> {
        out.add(new JsonNode[] {o, Json.MAPPER.getNodeFactory().textNode(k)});
        collect(o.get(k), out);
      });
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new JsonNode[] {a, Json.MAPPER.getNodeFactory().numberNode(i)});
        collect(a.get(i), out);
      }
    }
  }

  private static void replace(JsonNode[] slot, JsonNode value) {
    if (slot[0] instanceof ObjectNode o) {
      o.set(slot[1].asText(), value);
    } else if (slot[0] instanceof ArrayNode a && slot[1].asInt() < a.size()) {
      a.set(slot[1].asInt(), value);
    }
  }
}
