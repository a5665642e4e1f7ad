package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --mask-pii, no e-mail address, phone or card number sent through any ingest endpoint survives anywhere in
 * the database file: the bytes of the SQLite file (and any WAL left) are searched after the server closed. The same
 * traffic without the option must leave every one of them in the file (the control: the search can find them).
 */
class PiiMaskingTest {
  private static final List<String> PII = List.of("grace.hopper@navy.example", "+1 415 555 0198", "4111 1111 1111 1111",
      "4111111111111111", "linus@kernel.example", "030 1234 5678", "mallory@evil.example", "+44 20 7946 0958",
      "555-867-5309", "bob@shop.example", "carol@ops.example", "5500 0000 0000 0004");

  @TempDir Path dir;

  @Test
  void noPersonalDataReachesTheDatabaseFile() throws Exception {
    Path masked = dir.resolve("masked");
    String userId;
    try (TestServer server = TestServer.start(masked, c -> c, Safeguards.NONE.withMaskPii(true))) {
      sendEverywhere(server);
      StoredRecords stored = new StoredRecords(server.server().store().jdbi());
      var events = stored.eventsOfSession("s-pii");
      assertThat(events).as("the events are stored, masked").hasSize(2);
      userId = events.get(0).userId();
      assertThat(userId).startsWith("pii-").isNotEqualTo(events.get(0).anonymousId());
      assertThat(events).allSatisfy(e -> assertThat(e.userId()).isEqualTo(userId));
      assertThat(server.count("feedback")).isEqualTo(1);
      assertThat(server.count("annotations")).isEqualTo(1);
      assertThat(server.count("spans")).isGreaterThanOrEqualTo(2);
    }
    assertThat(found(masked)).as("personal data left in the masked store").isEmpty();
    String file = fileText(masked);
    assertThat(file).contains(userId).contains("***@***").contains("****-****-****-****").contains("***-***-****");

    Path plain = dir.resolve("plain");
    try (TestServer server = TestServer.start(plain)) {
      sendEverywhere(server);
    }
    assertThat(found(plain)).as("without --mask-pii all of it is stored (control)").containsExactlyElementsOf(PII);
  }

  private static void sendEverywhere(TestServer server) throws Exception {
    ok(server.postJson("/v1/batch", """
        {"batch":[
          {"type":"track","userId":"grace.hopper@navy.example","messageId":"m-1","event":"Called +1 415 555 0198",
           "properties":{"session_id":"s-pii","card":"4111 1111 1111 1111","pan":4111111111111111,"rows":12000},
           "timestamp":"2026-05-01T10:00:00Z"},
          {"type":"identify","userId":"grace.hopper@navy.example","messageId":"m-2",
           "traits":{"session_id":"s-pii"},"context":{"session_id":"s-pii","note":"x"},
           "timestamp":"2026-05-01T10:00:01Z"}]}"""));
    ok(server.postJson("/v1/traces", OtlpIngestTest.otlpJson("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174",
        "scopeSpans").replace("GET /api/items", "lookup 030 1234 5678")
        .replace("{\"key\":\"retries\"", "{\"key\":\"user.email\",\"value\":{\"stringValue\":\"linus@kernel.example\"}},"
            + "{\"key\":\"retries\"")));
    ok(server.postJson("/collect", FaroIngestTest.payload("scopeSpans").replace("\"user-7\"", "\"mallory@evil.example\"")
        .replace("\"rows\":\"12000\"", "\"rows\":\"12000\",\"phone\":\"+44 20 7946 0958\"")));
    ok(server.postJson("/api/v1/feedback", """
        {"items":[{"id":"f-1","kind":"nps","score":3,"text":"call me on 555-867-5309 or mail bob@shop.example",
          "userId":"bob@shop.example","timestamp":"2026-05-01T10:00:00Z"}]}"""));
    ok(server.postJson("/api/v1/annotations", """
        {"time":"2026-05-01T10:00:00Z","title":"deploy by carol@ops.example","text":"card 5500 0000 0000 0004",
         "tags":["deploy"]}"""));
  }

  private static void ok(TestServer.Response r) {
    assertThat(r.status()).as(r.text()).isIn(200, 202);
  }

  /** The PII strings present in the store's files, in the order of {@link #PII}. */
  private static List<String> found(Path dir) throws Exception {
    String text = fileText(dir);
    List<String> out = new ArrayList<>();
    for (String s : PII) {
      if (text.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String fileText(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("uxlens.db")).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
