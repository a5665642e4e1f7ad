package io.uxlens.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import io.uxlens.model.Browsers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session's page measurements as a Grafana Faro collector payload (docs/CONTRACTS.md "Grafana Faro collector"): web
 * vitals under type {@code web-vitals}, render time and memory as a custom measurement; meta carries app, session, user
 * and page.
 */
final class FaroWire {
  private static final Set<String> VITALS = Set.of("lcp", "fcp", "cls", "inp", "ttfb");

  private FaroWire() {}

  static byte[] payload(List<DemoRecord.Vitals> pages) {
    DemoRecord.Vitals first = pages.get(0);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode meta = body.putObject("meta");
    meta.putObject("sdk").put("name", "uxlens-demo").put("version", "1");
    meta.putObject("app").put("name", "demo-shop-web").put("version", first.client().appVersion())
        .put("environment", "demo");
    meta.putObject("session").put("id", first.sessionId());
    meta.putObject("user").put("id", first.userId());
    meta.putObject("page").put("url", "https://shop.example.com" + first.page());
    meta.putObject("browser").put("name", Browsers.family(first.client().userAgent()))
        .put("userAgent", first.client().userAgent()).put("os", first.client().os()).put("mobile", first.client().device().equals("mobile"));
    ArrayNode ms = body.putArray("measurements");
    for (DemoRecord.Vitals v : pages) {
      String ts = Instant.ofEpochMilli(v.time()).toString();
      ObjectNode vitals = ms.addObject().put("type", "web-vitals");
      ObjectNode custom = ms.addObject().put("type", "custom");
      ObjectNode vv = vitals.putObject("values");
      ObjectNode cv = custom.putObject("values");
      for (Map.Entry<String, Double> e : v.values().entrySet()) {
        (VITALS.contains(e.getKey()) ? vv : cv).put(e.getKey(), e.getValue());
      }
      vitals.put("timestamp", ts);
      custom.put("timestamp", ts);
      vitals.putObject("context").put("page", v.page());
      custom.putObject("context").put("page", v.page());
    }
    return SegmentWire.bytes(body);
  }
}
