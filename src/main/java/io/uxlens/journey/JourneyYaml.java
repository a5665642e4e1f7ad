package io.uxlens.journey;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.uxlens.config.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The journeys YAML adapter: reads the file as a tree and validates every field itself, so a refusal names the
 * exact path ({@code journeys[2].steps[1].event}) and the rule, which data binding errors would not.
 */
final class JourneyYaml {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> TOP = Set.of("journeys");
  private static final Set<String> JOURNEY = Set.of("id", "name", "squad", "steps", "errors", "abandon_after",
      "targets", "system_series");
  private static final Set<String> STEP = Set.of("id", "event", "where");
  private static final Set<String> TARGETS = Set.of("completion_rate", "error_rate", "time_on_task_p75");

  private final String file;

  private JourneyYaml(String file) {
    this.file = file;
  }

  static List<JourneyDefinition> parse(String file, InputStream in) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      throw new JourneyFileException(file, "", "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    return new JourneyYaml(file).journeys(root);
  }

  private List<JourneyDefinition> journeys(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail("", "the file is empty; expected a top-level 'journeys' list");
    }
    object(root, "", TOP);
    JsonNode list = root.get("journeys");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw fail("journeys", "required: a non-empty list of journeys");
    }
    List<JourneyDefinition> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "journeys[" + i + "]";
      JourneyDefinition j = journey(list.get(i), path);
      if (!ids.add(j.id())) {
        throw fail(path + ".id", "duplicate journey id '" + j.id() + "'");
      }
      out.add(j);
    }
    return out;
  }

  private JourneyDefinition journey(JsonNode n, String path) {
    object(n, path, JOURNEY);
    String id = id(n, path + ".id");
    String name = optionalText(n, path + ".name", "name");
    String squad = optionalText(n, path + ".squad", "squad");
    JsonNode stepsNode = n.get("steps");
    if (stepsNode == null || !stepsNode.isArray() || stepsNode.size() < 2) {
      throw fail(path + ".steps", "required: a list of at least two steps (a start and a success)");
    }
    List<JourneyDefinition.Step> steps = new ArrayList<>();
    Set<String> stepIds = new HashSet<>();
    for (int i = 0; i < stepsNode.size(); i++) {
      String sp = path + ".steps[" + i + "]";
      JourneyDefinition.Step s = step(stepsNode.get(i), sp);
      if (!stepIds.add(s.id())) {
        throw fail(sp + ".id", "duplicate step id '" + s.id() + "' in this journey");
      }
      steps.add(s);
    }
    List<String> errors = new ArrayList<>();
    JsonNode errorsNode = n.get("errors");
    if (errorsNode != null && !errorsNode.isNull()) {
      if (!errorsNode.isArray()) {
        throw fail(path + ".errors", "must be a list of event names");
      }
      for (int i = 0; i < errorsNode.size(); i++) {
        JsonNode e = errorsNode.get(i);
        if (!e.isTextual() || e.asText().isBlank()) {
          throw fail(path + ".errors[" + i + "]", "must be a non-empty event name");
        }
        for (JourneyDefinition.Step s : steps) {
          if (s.event().equals(e.asText()) && s.where().isEmpty()) {
            throw fail(path + ".errors[" + i + "]", "'" + e.asText() + "' is already a step event");
          }
        }
        errors.add(e.asText());
      }
    }
    JsonNode abandon = n.get("abandon_after");
    if (abandon == null || abandon.isNull()) {
      throw fail(path + ".abandon_after", "required: a duration such as 30m or 2h");
    }
    Duration abandonAfter = duration(abandon, path + ".abandon_after");
    JourneyDefinition.Targets targets = targets(n.get("targets"), path + ".targets");
    String systemSeries = optionalText(n, path + ".system_series", "system_series");
    if (systemSeries != null && systemSeries.length() > 2_000) {
      throw fail(path + ".system_series", "a PromQL expression of at most 2000 characters");
    }
    return new JourneyDefinition(id, name, squad, steps, errors, abandonAfter, targets, systemSeries);
  }

  private JourneyDefinition.Step step(JsonNode n, String path) {
    object(n, path, STEP);
    String id = id(n, path + ".id");
    JsonNode event = n.get("event");
    if (event == null || event.isNull()) {
      throw fail(path + ".event", "required: the event name that marks this step");
    }
    if (!event.isTextual() || event.asText().isBlank()) {
      throw fail(path + ".event", "must be a non-empty event name");
    }
    Map<String, String> where = new LinkedHashMap<>();
    JsonNode w = n.get("where");
    if (w != null && !w.isNull()) {
      if (!w.isObject()) {
        throw fail(path + ".where", "must be a map of property path to value");
      }
      for (Map.Entry<String, JsonNode> e : w.properties()) {
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw fail(path + ".where." + e.getKey(), "must be a text, number or boolean value");
        }
        where.put(e.getKey(), e.getValue().asText());
      }
    }
    return new JourneyDefinition.Step(id, event.asText(), where);
  }

  private JourneyDefinition.Targets targets(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return JourneyDefinition.Targets.NONE;
    }
    object(n, path, TARGETS);
    Double completion = ratio(n.get("completion_rate"), path + ".completion_rate");
    Double error = ratio(n.get("error_rate"), path + ".error_rate");
    JsonNode tot = n.get("time_on_task_p75");
    Duration p75 = tot == null || tot.isNull() ? null : duration(tot, path + ".time_on_task_p75");
    return new JourneyDefinition.Targets(completion, error, p75);
  }

  private Double ratio(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1) {
      throw fail(path, "must be a number between 0 and 1");
    }
    return n.asDouble();
  }

  private Duration duration(JsonNode n, String path) {
    Duration d = n.isTextual() ? Durations.parse(n.asText()) : null;
    if (d == null) {
      throw fail(path, "must be a positive duration with a unit, such as 45s, 30m, 2h or 1h30m; got '"
          + n.asText() + "'");
    }
    return d;
  }

  private String id(JsonNode n, String path) {
    JsonNode id = n.get("id");
    if (id == null || id.isNull()) {
      throw fail(path, "required");
    }
    if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
      throw fail(path, "must be lower-case letters, digits, '-' or '_' (at most 64), got '" + id.asText() + "'");
    }
    return id.asText();
  }

  private String optionalText(JsonNode n, String path, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw fail(path, "must be non-empty text");
    }
    return v.asText();
  }

  private void object(JsonNode n, String path, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw fail(path, "must be a map with keys " + new java.util.TreeSet<>(allowed));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw fail(path.isEmpty() ? key : path + "." + key, "unknown key (allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private JourneyFileException fail(String path, String rule) {
    return new JourneyFileException(file, path, rule);
  }
}
