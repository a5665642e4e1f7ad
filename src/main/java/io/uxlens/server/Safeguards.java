package io.uxlens.server;

import java.nio.file.Path;

/**
 * Hardening options of {@code uxlens serve} beyond {@link ServerConfig}: a bearer token for {@code /metrics}
 * (null: open), the PEM certificate chain and private key for direct HTTPS (both null: plain HTTP), masking of
 * personal data at ingest, and the per write key rate limit.
 */
public record Safeguards(String metricsToken, Path tlsCert, Path tlsKey, boolean maskPii, RateLimiter.Limit rateLimit) {
  public static final Safeguards NONE = new Safeguards(null, null, null, false, RateLimiter.Limit.NONE);

  public Safeguards {
    rateLimit = rateLimit == null ? RateLimiter.Limit.NONE : rateLimit;
    metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken;
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
    }
  }

  public boolean tls() {
    return tlsCert != null;
  }

  public Safeguards withMetricsToken(String token) {
    return new Safeguards(token, tlsCert, tlsKey, maskPii, rateLimit);
  }

  public Safeguards withTls(Path cert, Path key) {
    return new Safeguards(metricsToken, cert, key, maskPii, rateLimit);
  }

  public Safeguards withMaskPii(boolean on) {
    return new Safeguards(metricsToken, tlsCert, tlsKey, on, rateLimit);
  }

  public Safeguards withRateLimit(RateLimiter.Limit limit) {
    return new Safeguards(metricsToken, tlsCert, tlsKey, maskPii, limit);
  }
}
