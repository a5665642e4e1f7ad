package io.uxlens.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Direct HTTPS from PEM files, as certbot and most CAs hand them out: the certificate chain ({@code --tls-cert}) and
 * an unencrypted PKCS#8 private key ({@code --tls-key}, RSA, EC or Ed25519). A file that cannot be used stops the
 * start with one line saying why.
 */
final class Tls {
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] IN_MEMORY_PASSWORD = "uxlens".toCharArray();

  private Tls() {}

  static SslContextFactory.Server contextFactory(Path certFile, Path keyFile) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("uxlens", privateKey(keyFile), IN_MEMORY_PASSWORD, chain(certFile));
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(store);
      ssl.setKeyStorePassword(new String(IN_MEMORY_PASSWORD));
      ssl.setKeyManagerPassword(new String(IN_MEMORY_PASSWORD));
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("TLS: cannot use " + certFile + " with " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private static Certificate[] chain(Path file) throws IOException, GeneralSecurityException {
    byte[] pem = read(file, "--tls-cert");
    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem));
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("--tls-cert " + file + " holds no PEM certificate");
    }
    return certs.toArray(new Certificate[0]);
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    String pem = new String(read(file, "--tls-key"), StandardCharsets.US_ASCII);
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException("--tls-key " + file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE"
          + " KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException("--tls-key " + file + ": not an RSA, EC or Ed25519 private key");
  }

  private static byte[] read(Path file, String option) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(option + ": cannot read " + file);
    }
    return Files.readAllBytes(file);
  }
}
