package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Which Grafana data source the dashboards query. Infinity (the default) reads UX Lens' row endpoint with its
 * backend parser, so the same query model also drives alert rules; the JSON API flavour posts the same metrics
 * and options to /grafana/query. docs/CONTRACTS.md "Grafana JSON API" and "Grafana Infinity rows".
 */
public enum Flavor {
  INFINITY("infinity", "yesoreyeram-infinity-datasource", "3.11.1", "uxlens-infinity"),
  JSON_API("json-api", "simpod-json-datasource", "0.6.5", "uxlens-json");

  /** Time range and interval macros in the row URL: Infinity fills ${__timeFrom}/${__timeTo} in its backend. */
  public static final String FROM = "${__timeFrom}";
  public static final String TO = "${__timeTo}";
  public static final String INTERVAL = "${__interval_ms}";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String cli;
  private final String type;
  private final String pluginVersion;
  private final String uid;

  Flavor(String cli, String type, String pluginVersion, String uid) {
    this.cli = cli;
    this.type = type;
    this.pluginVersion = pluginVersion;
    this.uid = uid;
  }

  public String cliName() {
    return cli;
  }

  public String type() {
    return type;
  }

  /**
   * The plugin release the queries this flavour generates are written for; the compose stack installs exactly
   * this version (held there by a test), so a plugin upgrade is a change here, reviewed with its query model.
   */
  public String pluginVersion() {
    return pluginVersion;
  }

  public String uid() {
    return uid;
  }

  public static Flavor of(String name) {
    for (Flavor f : values()) {
      if (f.cli.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown flavor '" + name + "' (infinity or json-api)");
  }

  public ObjectNode datasource() {
    ObjectNode ds = JSON.objectNode();
    ds.put("type", type);
    ds.put("uid", uid);
    return ds;
  }

  /** The panel target for {@code q}. */
  public ObjectNode target(String refId, Query q) {
    ObjectNode t = JSON.objectNode();
    t.put("refId", refId);
    t.set("datasource", datasource());
    if (this == INFINITY) {
      t.put("type", "json");
      t.put("source", "url");
      t.put("parser", "backend");
      t.put("format", q.table() ? "table" : "timeseries");
      t.put("url", rowsUrl(q));
      ObjectNode opts = t.putObject("url_options");
      opts.put("method", "GET");
      opts.put("data", "");
      t.put("root_selector", "rows");
      ArrayNode cols = t.putArray("columns");
      for (Column c : q.columns()) {
        // Table fields keep their row names (transformations and overrides refer to them); a series' value
        // column is named for the legend.
        cols.addObject().put("selector", c.selector()).put("text", q.table() ? c.selector() : c.text())
            .put("type", c.type());
      }
      t.putArray("filters");
    } else {
      t.put("editorMode", "builder");
      t.put("target", q.metric());
      ObjectNode payload = t.putObject("payload");
      for (Map.Entry<String, List<String>> o : q.options().entrySet()) {
        if (o.getValue().size() == 1) {
          payload.put(o.getKey(), o.getValue().get(0));
        } else {
          o.getValue().forEach(payload.putArray(o.getKey())::add);
        }
      }
    }
    return t;
  }

  /** A literal value percent-encoded (ids pass unchanged; a PromQL expression needs it), commas kept. */
  static String literal(String value) {
    return java.util.Arrays.stream(value.split(",", -1))
        .map(v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(java.util.stream.Collectors.joining(","));
  }

  /**
   * {@code /api/v1/rows/<metric>?<options>&from=...&to=...&interval=...}: the path Infinity appends to the data
   * source URL. Literal option values are percent-encoded here (ids come out unchanged), variables are
   * percent-encoded by Grafana, several values are joined with commas.
   */
  public static String rowsUrl(Query q) {
    StringBuilder url = new StringBuilder("/api/v1/rows/").append(q.metric()).append('?');
    for (Map.Entry<String, List<String>> o : q.options().entrySet()) {
      String value = String.join(",", o.getValue());
      // Variable values are URL-encoded by Grafana; ids and literal values here need no escaping.
      String encoded = value.contains("${") ? value.replaceAll("\\$\\{(\\w+)}", "\\${$1:percentencode}")
          : literal(value);
      url.append(o.getKey()).append('=').append(encoded).append('&');
    }
    url.append("from=").append(FROM).append("&to=").append(TO);
    if (!q.table()) {
      url.append("&interval=").append(INTERVAL);
    }
    return url.toString();
  }
}
