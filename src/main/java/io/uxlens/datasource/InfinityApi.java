package io.uxlens.datasource;

import static io.uxlens.datasource.JsonApiProtocol.obj;
import static io.uxlens.datasource.JsonApiProtocol.options;

import io.uxlens.Refusal;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.TimeRange;
import io.uxlens.query.Buckets;
import io.uxlens.query.Catalogue;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Infinity data source's endpoints over the catalogue: rows of one metric from query parameters, and the
 * catalogue with each metric's options and row columns. No HTTP here; {@link InfinityRows} turns frames into rows.
 */
public final class InfinityApi {
  private static final Set<String> ROW_PARAMS = Set.of("from", "to", "interval", "maxDataPoints");

  private final Catalogue catalogue;

  public InfinityApi(Catalogue catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue);
  }

  /** GET /api/v1/rows/{metric}: Infinity rows; query parameters other than from/to/interval are the payload. */
  public Map<String, Object> rows(String metricId, Map<String, List<String>> params) {
    Metric m = catalogue.get(metricId);
    TimeRange range = WireParse.range("from", first(params, "from"), "to", first(params, "to"));
    long interval = WireParse.interval("interval", first(params, "interval"));
    String mdp = first(params, "maxDataPoints");
    if (mdp != null && !mdp.matches("\\d{1,9}")) {
      throw Refusal.badRequest("maxDataPoints", "maxDataPoints must be a non-negative integer");
    }
    Buckets buckets = Buckets.of(range, interval, mdp == null ? 0 : Integer.parseInt(mdp));
    Map<String, List<String>> options = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (!ROW_PARAMS.contains(k)) {
        List<String> split = new ArrayList<>();
        v.forEach(x -> split.addAll(List.of(x.split(","))));
        options.put(k, split);
      }
    });
    Payload payload = catalogue.resolve(m, new Payload(options));
    return InfinityRows.response(m.id(), m.query(new MetricQuery("A", range, buckets, payload, List.of())));
  }

  /** GET /api/v1/catalogue: metrics, their options with choices, and their row columns. */
  public Map<String, Object> catalogue() {
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (Metric m : catalogue.all()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", m.id());
      e.put("description", m.description());
      List<Map<String, Object>> opts = new ArrayList<>();
      for (PayloadOption o : m.options()) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("name", o.name());
        om.put("type", o.type().wire());
        om.put("description", o.description());
        om.put("default", o.defaults());
        om.put("dependsOn", o.dependsOn());
        om.put("options", o.source() == null ? List.of() : options(o.source().options(Payload.EMPTY)));
        opts.add(om);
      }
      e.put("options", opts);
      List<Map<String, Object>> cols = new ArrayList<>();
      for (RowColumn c : m.rowColumns()) {
        Map<String, Object> col = obj("selector", c.name(), "type", c.type().wire(), "description", c.description());
        if (c.nullable()) {
          col.put("nullable", true);
        }
        cols.add(col);
      }
      e.put("rowColumns", cols);
      metrics.add(e);
    }
    return Map.of("metrics", metrics);
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
