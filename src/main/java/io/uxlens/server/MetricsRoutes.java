package io.uxlens.server;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.uxlens.prometheus.UxLensMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * GET /metrics: the Prometheus scrape. The metrics package knows no HTTP; this adapter only picks the format
 * from the Accept header (OpenMetrics when the scraper asks for it, as Prometheus does; text 0.0.4 otherwise)
 * and writes the registry's snapshot. Unauthenticated, like /healthz: it carries no user data.
 */
final class MetricsRoutes {
  private final UxLensMetrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsRoutes(UxLensMetrics metrics) {
    this.metrics = metrics;
  }

  void register(Router router) {
    router.add("GET", "/metrics", call -> scrape(call.header("Accept")));
  }

  private Reply scrape(String accept) throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(accept);
    if (!writer.isAvailable() || writer == formats.getPrometheusProtobufWriter()) {
      // protobuf needs a shaded dependency we do not ship; text is what every Prometheus accepts
      writer = formats.getPrometheusTextFormatWriter();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    writer.write(out, metrics.scrape());
    return new Reply(200, writer.getContentType(), out.toByteArray(), Map.of("Vary", "Accept"));
  }
}
