package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A dashboard panel being described: type, title, queries, units, thresholds, options, size. */
public final class Panel {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final String type;
  final String title;
  final List<Query> queries = new ArrayList<>();
  String description;
  String unit;
  Double min;
  Double max;
  Integer decimals;
  String displayName;
  List<Threshold> thresholds = List.of();
  boolean thresholdLines;
  final ObjectNode options = JSON.objectNode();
  final ArrayNode transformations = JSON.arrayNode();
  final ArrayNode overrides = JSON.arrayNode();
  final ArrayNode links = JSON.arrayNode();
  final List<String> keep = new ArrayList<>();
  int width = 12;
  int height = 8;

  /** One threshold step: from {@code value} (null = from minus infinity) the colour is {@code color}. */
  public record Threshold(Double value, String color) {}

  private Panel(String type, String title) {
    this.type = type;
    this.title = title;
  }

  public static Panel of(String type, String title) {
    return new Panel(type, title);
  }

  public Panel query(Query q) {
    queries.add(q);
    return this;
  }

  public Panel describe(String text) {
    this.description = text;
    return this;
  }

  public Panel unit(String u) {
    this.unit = u;
    return this;
  }

  public Panel range(Double lo, Double hi) {
    this.min = lo;
    this.max = hi;
    return this;
  }

  public Panel decimals(int d) {
    this.decimals = d;
    return this;
  }

  /** Series names from a label, e.g. {@code ${__field.labels.app_version}}. */
  public Panel displayName(String name) {
    this.displayName = name;
    return this;
  }

  /** Green at or above {@code target}, red below; no target = no colouring. */
  public Panel higherIsBetter(Double target) {
    thresholds = target == null ? List.of(new Threshold(null, "green"))
        : List.of(new Threshold(null, "red"), new Threshold(target, "green"));
    return this;
  }

  /** Green below {@code target}, red at or above. */
  public Panel lowerIsBetter(Double target) {
    thresholds = target == null ? List.of(new Threshold(null, "green"))
        : List.of(new Threshold(null, "green"), new Threshold(target, "red"));
    return this;
  }

  /** Draw the thresholds as dashed lines on a time series (targets). */
  public Panel targetLines() {
    thresholdLines = true;
    return this;
  }

  public Panel option(String key, JsonNode value) {
    options.set(key, value);
    return this;
  }

  public Panel option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public Panel transform(String id, ObjectNode transformOptions) {
    ObjectNode t = transformations.addObject();
    t.put("id", id);
    t.set("options", transformOptions);
    return this;
  }

  /** Keep only rows whose {@code field} equals {@code value} (Grafana's filterByValue transformation). */
  public Panel onlyRows(String field, String value) {
    ObjectNode o = JSON.objectNode();
    ObjectNode f = o.putArray("filters").addObject();
    f.put("fieldName", field);
    ObjectNode cfg = f.putObject("config");
    cfg.put("id", "equal");
    cfg.putObject("options").put("value", value);
    o.put("type", "include");
    o.put("match", "any");
    return transform("filterByValue", o);
  }

  /** A field override: {@code property} set to {@code value} on the field named {@code field}. */
  public Panel override(String field, String property, JsonNode value) {
    ObjectNode o = overrides.addObject();
    o.putObject("matcher").put("id", "byName").put("options", field);
    o.putArray("properties").addObject().put("id", property).set("value", value);
    return this;
  }

  /** Show only these fields of the (table) query, in this order. */
  public Panel keep(String... fields) {
    keep.addAll(List.of(fields));
    return this;
  }

  public Panel link(String title, String url) {
    links.add(Dashboard.linkJson(title, url));
    return this;
  }

  public Panel size(int w, int h) {
    this.width = w;
    this.height = h;
    return this;
  }

  /** The panel JSON with its position; keys always in the same order. */
  ObjectNode build(Flavor flavor, int id, int x, int y) {
    ObjectNode p = JSON.objectNode();
    p.put("id", id);
    p.put("type", type);
    p.put("title", title);
    if (description != null) {
      p.put("description", description);
    }
    p.putObject("gridPos").put("h", height).put("w", width).put("x", x).put("y", y);
    p.set("datasource", flavor.datasource());
    ArrayNode targets = p.putArray("targets");
    for (int i = 0; i < queries.size(); i++) {
      targets.add(flavor.target(String.valueOf((char) ('A' + i)), queries.get(i)));
    }
    ObjectNode fc = p.putObject("fieldConfig");
    ObjectNode defaults = fc.putObject("defaults");
    if (unit != null) {
      defaults.put("unit", unit);
    }
    if (min != null) {
      defaults.put("min", min);
    }
    if (max != null) {
      defaults.put("max", max);
    }
    if (decimals != null) {
      defaults.put("decimals", decimals);
    }
    if (displayName != null) {
      defaults.put("displayName", displayName);
    }
    defaults.putObject("color").put("mode", type.equals("timeseries") || type.equals("barchart")
        ? "palette-classic" : "thresholds");
    ObjectNode th = defaults.putObject("thresholds");
    th.put("mode", "absolute");
    ArrayNode steps = th.putArray("steps");
    for (Threshold t : thresholds.isEmpty() ? List.of(new Threshold(null, "green")) : thresholds) {
      ObjectNode step = steps.addObject();
      step.put("color", t.color());
      if (t.value() == null) {
        step.putNull("value");
      } else {
        step.put("value", t.value());
      }
    }
    if (type.equals("timeseries")) {
      ObjectNode custom = defaults.putObject("custom");
      custom.put("drawStyle", "line");
      custom.put("lineWidth", 2);
      custom.put("fillOpacity", 10);
      custom.put("showPoints", "never");
      custom.put("spanNulls", true);
      custom.putObject("thresholdsStyle").put("mode", thresholdLines ? "dashed" : "off");
    }
    ArrayNode allOverrides = overrides.deepCopy();
    if (!queries.isEmpty() && queries.get(0).table()) {
      for (Column c : queries.get(0).columns()) {
        if (!c.text().equals(c.selector()) && (keep.isEmpty() || keep.contains(c.selector()))) {
          ObjectNode o = allOverrides.addObject();
          o.putObject("matcher").put("id", "byName").put("options", c.selector());
          o.putArray("properties").addObject().put("id", "displayName").put("value", c.text());
        }
      }
    }
    fc.set("overrides", allOverrides);
    p.set("options", options);
    ArrayNode allTransforms = transformations.deepCopy();
    if (!keep.isEmpty()) {
      ObjectNode o = allTransforms.addObject();
      o.put("id", "organize");
      ObjectNode opts = o.putObject("options");
      ObjectNode exclude = opts.putObject("excludeByName");
      for (Column c : queries.get(0).columns()) {
        if (!keep.contains(c.selector())) {
          exclude.put(c.selector(), true);
        }
      }
      ObjectNode index = opts.putObject("indexByName");
      for (int i = 0; i < keep.size(); i++) {
        index.put(keep.get(i), i);
      }
    }
    if (!allTransforms.isEmpty()) {
      p.set("transformations", allTransforms);
    }
    if (!links.isEmpty()) {
      p.set("links", links);
    }
    return p;
  }
}
