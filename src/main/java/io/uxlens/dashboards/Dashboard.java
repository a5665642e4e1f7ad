package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A dashboard being described: uid, title, tags, variables, annotation queries, and panels laid out left to
 * right in rows of Grafana's 24-column grid. {@link #build(Flavor)} gives the JSON with a fixed key order.
 */
public final class Dashboard {
  static final int SCHEMA_VERSION = 41;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String uid;
  private final String title;
  private final List<String> tags = new ArrayList<>();
  private final List<Object> items = new ArrayList<>();
  private final List<ObjectNode> variables = new ArrayList<>();
  private final List<Annotation> annotations = new ArrayList<>();
  private final List<String[]> links = new ArrayList<>();
  private String description;
  private String from = "now-7d";

  /** An annotation query over the {@code annotations} metric for some tags. */
  record Annotation(String name, String color, List<String> tags) {}

  private record Row(String title) {}

  public Dashboard(String uid, String title) {
    this.uid = uid;
    this.title = title;
  }

  public Dashboard describe(String text) {
    this.description = text;
    return this;
  }

  public Dashboard tag(String... t) {
    tags.addAll(List.of(t));
    return this;
  }

  public Dashboard timeFrom(String relative) {
    this.from = relative;
    return this;
  }

  /** A custom variable: {@code choices} are [text, value] pairs; the first is selected. */
  public Dashboard customVariable(String name, String label, List<String[]> choices) {
    ObjectNode v = JSON.objectNode();
    v.put("type", "custom");
    v.put("name", name);
    v.put("label", label);
    StringBuilder query = new StringBuilder();
    for (String[] c : choices) {
      if (query.length() > 0) {
        query.append(',');
      }
      query.append(escape(c[0])).append(" : ").append(escape(c[1]));
    }
    v.put("query", query.toString());
    ObjectNode current = v.putObject("current");
    current.put("text", choices.get(0)[0]);
    current.put("value", choices.get(0)[1]);
    ArrayNode options = v.putArray("options");
    for (int i = 0; i < choices.size(); i++) {
      options.addObject().put("selected", i == 0).put("text", choices.get(i)[0]).put("value", choices.get(i)[1]);
    }
    v.put("hide", 0);
    v.put("includeAll", false);
    v.put("multi", false);
    variables.add(v);
    return this;
  }

  /** A free-text variable with a default value. */
  public Dashboard textVariable(String name, String label, String value) {
    ObjectNode v = JSON.objectNode();
    v.put("type", "textbox");
    v.put("name", name);
    v.put("label", label);
    v.put("query", value);
    v.putObject("current").put("text", value).put("value", value);
    v.put("hide", 0);
    variables.add(v);
    return this;
  }

  public Dashboard annotations(String name, String color, String... tagsToShow) {
    annotations.add(new Annotation(name, color, List.of(tagsToShow)));
    return this;
  }

  public Dashboard link(String linkTitle, String url) {
    links.add(new String[] {linkTitle, url});
    return this;
  }

  public Dashboard row(String rowTitle) {
    items.add(new Row(rowTitle));
    return this;
  }

  public Dashboard panel(Panel p) {
    items.add(p);
    return this;
  }

  public String uid() {
    return uid;
  }

  public ObjectNode build(Flavor flavor) {
    ObjectNode d = JSON.objectNode();
    d.put("uid", uid);
    d.put("title", title);
    if (description != null) {
      d.put("description", description);
    }
    tags.forEach(d.putArray("tags")::add);
    d.put("timezone", "browser");
    d.put("editable", true);
    d.put("graphTooltip", 1);
    d.putObject("time").put("from", from).put("to", "now");
    d.put("refresh", "1m");
    d.put("schemaVersion", SCHEMA_VERSION);
    d.put("version", 1);
    d.set("annotations", annotationList(flavor));
    ObjectNode templating = d.putObject("templating");
    variables.forEach(templating.putArray("list")::add);
    ArrayNode l = d.putArray("links");
    for (String[] link : links) {
      l.add(linkJson(link[0], link[1]));
    }
    d.set("panels", layout(flavor));
    return d;
  }

  private ArrayNode layout(Flavor flavor) {
    ArrayNode out = JSON.arrayNode();
    int id = 1;
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (Object item : items) {
      if (item instanceof Row r) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
        ObjectNode row = out.addObject();
        row.put("id", id++);
        row.put("type", "row");
        row.put("title", r.title());
        row.putObject("gridPos").put("h", 1).put("w", 24).put("x", 0).put("y", y);
        row.put("collapsed", false);
        row.putArray("panels");
        y += 1;
        continue;
      }
      Panel p = (Panel) item;
      if (x + p.width > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      out.add(p.build(flavor, id++, x, y));
      x += p.width;
      rowHeight = Math.max(rowHeight, p.height);
    }
    return out;
  }

  private ObjectNode annotationList(Flavor flavor) {
    ObjectNode a = JSON.objectNode();
    ArrayNode list = a.putArray("list");
    ObjectNode builtIn = list.addObject();
    builtIn.put("builtIn", 1);
    builtIn.putObject("datasource").put("type", "grafana").put("uid", "-- Grafana --");
    builtIn.put("enable", true);
    builtIn.put("hide", true);
    builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
    builtIn.put("name", "Annotations & Alerts");
    builtIn.put("type", "dashboard");
    for (Annotation an : annotations) {
      ObjectNode q = list.addObject();
      q.set("datasource", flavor.datasource());
      q.put("enable", true);
      q.put("hide", false);
      q.put("iconColor", an.color());
      q.put("name", an.name());
      Query query = Query.table("annotations", Column.time(), new Column("timeEnd", "timeEnd", Column.TIME),
          Column.label("title"), Column.label("text"), Column.label("tags")).with("tag", an.tags()
          .toArray(String[]::new));
      q.set("target", flavor.target("Anno", query));
    }
    return a;
  }

  /** A link to another dashboard that keeps the time range (Grafana's DashboardLink shape). */
  static ObjectNode linkJson(String linkTitle, String url) {
    ObjectNode o = JSON.objectNode();
    o.put("title", linkTitle);
    o.put("type", "link");
    o.put("url", url);
    o.put("icon", "dashboard");
    o.put("tooltip", "");
    o.put("keepTime", true);
    o.put("includeVars", false);
    o.put("targetBlank", false);
    o.put("asDropdown", false);
    o.putArray("tags");
    return o;
  }

  /** Grafana splits custom variable choices on commas; a backslash keeps one in a name. */
  private static String escape(String s) {
    return s.replace(",", "\\,");
  }
}
