package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries a generated or committed dashboard holds, and its variables filled in as Grafana fills them: what
 * the dashboard tests and {@code uxlens bench dashboards} replay.
 */
public final class PanelQueries {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}");

  private PanelQueries() {}

  /** "#id title" of a panel, the key its queries are listed under. */
  public static String key(JsonNode panel) {
    return "#" + panel.path("id").asInt() + " " + panel.path("title").asText();
  }

  /** Panel (id and title, refId) to target, plus annotation queries by name. */
  public static Map<String, JsonNode> queries(JsonNode dashboard) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode p : dashboard.path("panels")) {
      for (JsonNode t : p.path("targets")) {
        out.put(key(p) + " [" + t.path("refId").asText() + "]", t);
      }
    }
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.has("target")) {
        out.put("annotations: " + a.path("name").asText(), a.path("target"));
      }
    }
    return out;
  }

  /** The dashboard's variables at their defaults, plus Grafana's time macros for the given range. */
  public static Map<String, String> variables(JsonNode dashboard, long from, long to, long intervalMs) {
    Map<String, String> vars = new HashMap<>();
    for (JsonNode v : dashboard.path("templating").path("list")) {
      vars.put(v.path("name").asText(), v.path("current").path("value").asText());
    }
    vars.put("__timeFrom", String.valueOf(from));
    vars.put("__timeTo", String.valueOf(to));
    vars.put("__interval_ms", String.valueOf(intervalMs));
    return vars;
  }

  /** {@code ${name}} and {@code ${name:percentencode}} replaced; an undefined variable fails. */
  public static String fill(String text, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("variable " + m.group(1) + " is not defined");
      }
      if ("percentencode".equals(m.group(2))) {
        value = URLEncoder.encode(value, StandardCharsets.UTF_8);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The catalogue metric a target reads: the JSON API target or the Infinity rows URL's path. */
  public static String metricOf(JsonNode target) {
    if (target.has("target")) {
      return target.path("target").asText();
    }
    String url = target.path("url").asText();
    return url.substring("/api/v1/rows/".length(), url.indexOf('?'));
  }
}
