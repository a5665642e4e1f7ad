package io.uxlens.server;

import static io.uxlens.server.SegmentIngestTest.assertError;
import static io.uxlens.server.SegmentIngestTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With write keys configured, ingest needs one: as the Basic user name or as writeKey in the body. */
class WriteKeyAuthTest {
  private static final String EVENT = "{\"userId\":\"u\",\"event\":\"E\"}";
  @RegisterExtension final TestServer server = TestServer.perTest(c -> c.withWriteKeys(List.of("key-one", "key-two")));

  @Test
  void noKeyIsRefused() throws Exception {
    var r = server.postJson("/v1/track", EVENT);
    assertError(r, 401, "writeKey",
        "a write key is required: HTTP Basic with the key as user name, or writeKey in the body");
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"uxlens\"");
    assertThat(server.count("events")).isZero();
  }

  @Test
  void wrongKeyIsRefused() throws Exception {
    var r = server.send(HttpRequest.newBuilder(server.uri("/v1/track")).header("Authorization", basic("nope"))
        .POST(HttpRequest.BodyPublishers.ofString(EVENT)));
    assertError(r, 401, "writeKey", "the write key is not valid");
    var inBody = server.postJson("/v1/batch", "{\"writeKey\":\"nope\",\"batch\":[]}");
    assertError(inBody, 401, "writeKey", "the write key is not valid");
  }

  @Test
  void basicAuthOrBodyKeyIsAccepted() throws Exception {
    var header = server.send(HttpRequest.newBuilder(server.uri("/v1/track")).header("Authorization", basic("key-two"))
        .POST(HttpRequest.BodyPublishers.ofString(EVENT)));
    assertThat(header.status()).isEqualTo(200);
    var body = server.postJson("/v1/batch",
        "{\"writeKey\":\"key-one\",\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}]}");
    assertThat(body.status()).isEqualTo(200);
    assertThat(server.count("events")).isEqualTo(2);
  }

  @Test
  void readEndpointsNeedNoWriteKey() throws Exception {
    assertThat(server.get("/api/v1/status").status()).isEqualTo(200);
  }
}
