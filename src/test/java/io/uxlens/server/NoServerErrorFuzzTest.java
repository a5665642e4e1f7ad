package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never earns a 5xx: every field of a valid message is replaced by values of the wrong shape
 * (seeded, bounded), and each answer must be a JSON 2xx or 4xx.
 */
class NoServerErrorFuzzTest {
  private static final List<String> FIELDS = List.of("type", "userId", "anonymousId", "event", "messageId",
      "timestamp", "sentAt", "originalTimestamp", "properties", "context", "traits", "name", "previousId");
  private static final List<String> ODD_VALUES = List.of("null", "true", "0", "-1.5e308", "\"\"", "\" \"", "[]",
      "{}", "[{}]", "{\"a\":{\"b\":[null]}}", "\"2026-13-45T99:00:00Z\"", "\"\\u0000\"", "1e999",
      "\"" + "z".repeat(300) + "\"", "12345678901234567890");

  @TempDir Path dir;

  @Test
  void mutatedMessagesNeverGet5xx() throws Exception {
    Random random = new Random(7);
    try (TestServer server = TestServer.start(dir)) {
      for (int round = 0; round < 150; round++) {
        StringBuilder msg = new StringBuilder("{");
        for (int f = 0; f < FIELDS.size(); f++) {
          String value = random.nextInt(3) == 0 ? ODD_VALUES.get(random.nextInt(ODD_VALUES.size())) : valid(f);
          msg.append(f == 0 ? "" : ",").append('"').append(FIELDS.get(f)).append("\":").append(value);
        }
        msg.append('}');
        String path = List.of("/v1/track", "/v1/page", "/v1/identify", "/v1/alias", "/v1/group").get(round % 5);
        assertNoServerError(server.postJson(path, msg.toString()), path, msg.toString());
        String batch = "{\"batch\":[" + msg + "],\"context\":" + ODD_VALUES.get(round % ODD_VALUES.size()) + "}";
        assertNoServerError(server.postJson("/v1/batch", batch), "/v1/batch", batch);
      }
      for (String body : List.of("null", "[]", "\"x\"", "1", "{\"batch\":null}", "{\"batch\":[null,[],1]}",
          "{\"batch\":\"x\"}", "\u00ff\u00fe", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}")) {
        assertNoServerError(server.postJson("/v1/batch", body), "/v1/batch", body);
        assertNoServerError(server.postJson("/v1/track", body), "/v1/track", body);
      }
    }
  }

  private static String valid(int field) {
    return switch (FIELDS.get(field)) {
      case "type" -> "\"track\"";
      case "timestamp", "sentAt", "originalTimestamp" -> "\"2026-05-01T10:00:00Z\"";
      case "properties", "context", "traits" -> "{\"session_id\":\"s\"}";
      default -> "\"v\"";
    };
  }

  private static void assertNoServerError(TestServer.Response r, String path, String body) {
    assertThat(r.status()).as("%s %s -> %s", path, body.length() > 300 ? body.substring(0, 300) : body, r.text())
        .isLessThan(500);
    assertThat(r.json().isObject()).isTrue();
  }
}
