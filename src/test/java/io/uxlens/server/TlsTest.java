package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.testing.TestServer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-cert/--tls-key}: a self-signed certificate made with the JDK's keytool, written as PEM files the way a
 * CA hands them out; a client that trusts it ingests and reads over HTTPS, plain HTTP on the port gets nothing, and a
 * key file in the wrong format stops the start with a reason.
 */
class TlsTest {
  @TempDir Path dir;
  private Path certPem;
  private Path keyPem;
  private KeyStore trusted;

  @BeforeEach
  void selfSignedCertificate() throws Exception {
    Path p12 = dir.resolve("self.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "uxlens", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    try (InputStream out = p.getInputStream()) {
      String log = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(log).isZero();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("uxlens");
    PrivateKey key = (PrivateKey) ks.getKey("uxlens", "changeit".toCharArray());
    certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("uxlens", cert);
  }

  @Test
  void servesHttpsWithPemFiles() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("db"), c -> c.withReadToken("rt"),
        Safeguards.NONE.withTls(certPem, keyPem))) {
      assertThat(server.server().uri().getScheme()).isEqualTo("https");
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> posted = https.send(HttpRequest.newBuilder(server.uri("/v1/track"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"userId\":\"u1\",\"event\":\"Signed Up\",\"messageId\":\"tls-1\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      HttpResponse<String> status = https.send(HttpRequest.newBuilder(server.uri("/api/v1/status"))
          .header("Authorization", "Bearer rt").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(status.body()).contains("\"events\":1");

      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(server.uri("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      java.net.URI plain = java.net.URI.create("http://127.0.0.1:" + server.server().port() + "/healthz");
      HttpResponse<String> cleartext;
      try {
        cleartext = untrusting.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(cleartext.statusCode()).as("plain HTTP never reaches a route").isNotEqualTo(200);
      } catch (java.io.IOException refused) {
        // the TLS connector drops a cleartext request: that is the expected outcome too
      }
    }
  }

  @Test
  void aKeyInTheWrongFormatStopsTheStartWithAReason() throws Exception {
    Path rsaStyle = Files.writeString(dir.resolve("rsa.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> TestServer.start(dir.resolve("db2"), c -> c, Safeguards.NONE.withTls(certPem, rsaStyle)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8");
    assertThat(dir.resolve("db2").resolve("uxlens.db")).as("nothing was opened").doesNotExist();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
