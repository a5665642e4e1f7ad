package io.uxlens.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what dashboards need from a journeys YAML file (the format of journeys/default.yml): ids, names, squads,
 * step ids and targets. Validation of the whole definition is the journey engine's job; this reader only refuses
 * what would make a broken dashboard, naming the path and the rule.
 */
public final class JourneySpecs {
  public static final String DEFAULT_RESOURCE = "journeys/default.yml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private JourneySpecs() {}

  /** The file given, or the journeys shipped in the jar when {@code file} is null. */
  public static List<JourneySpec> load(Path file) {
    if (file == null) {
      try (InputStream in = JourneySpecs.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalArgumentException("the default journeys resource " + DEFAULT_RESOURCE + " is missing");
        }
        return parse(DEFAULT_RESOURCE, YAML.readTree(in));
      } catch (IOException e) {
        throw new IllegalArgumentException(DEFAULT_RESOURCE + ": " + e.getMessage(), e);
      }
    }
    try {
      return parse(file.toString(), YAML.readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read journeys: " + e.getMessage(), e);
    }
  }

  static List<JourneySpec> parse(String source, JsonNode root) {
    JsonNode list = root == null ? null : root.get("journeys");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(source + ": journeys must be a non-empty list");
    }
    List<JourneySpec> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = source + ": journeys[" + i + "]";
      JsonNode j = list.get(i);
      String id = j.path("id").asText("");
      if (!id.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
        throw new IllegalArgumentException(at + ".id must be lower-case letters, digits, '-' or '_' (it becomes a "
            + "dashboard uid), got '" + id + "'");
      }
      if (out.stream().anyMatch(x -> x.id().equals(id))) {
        throw new IllegalArgumentException(at + ".id '" + id + "' is used twice");
      }
      List<String> steps = new ArrayList<>();
      for (JsonNode s : j.path("steps")) {
        steps.add(s.path("id").asText(s.path("event").asText()));
      }
      if (steps.size() < 2) {
        throw new IllegalArgumentException(at + ".steps needs at least two steps");
      }
      JsonNode t = j.path("targets");
      out.add(new JourneySpec(id, text(j, "name"), text(j, "squad"), steps, number(t, "completion_rate"),
          number(t, "error_rate"), seconds(t.get("time_on_task_p75"), at + ".targets.time_on_task_p75")));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isNumber() ? null : v.asDouble();
  }

  /** "5m", "2h", "90s", "1d" or a number of seconds. */
  static Double seconds(JsonNode v, String at) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    Matcher m = DURATION.matcher(v.asText().trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(at + " must be a duration like 90s, 5m or 2h, got '" + v.asText() + "'");
    }
    double n = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> n / 1000;
      case "s" -> n;
      case "m" -> n * 60;
      case "h" -> n * 3600;
      default -> n * 86400;
    };
  }
}
