package io.uxlens.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.uxlens.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Experiments declared in YAML, plus the rule for experiments only seen in exposures. File shape:
 * <pre>
 * experiments:
 *   - id: import-progress-bar
 *     journey: import
 *     metric: abandonment_rate          # completion_rate | abandonment_rate | error_rate | time_on_task
 *     control: A
 *     variants: [{id: A, weight: 50}, {id: B, weight: 50}]   # weight defaults to 1
 *     minimum_detectable_effect: {relative: 0.10}          # or {absolute: 0.02}; optional
 *     start: 2026-11-01T00:00:00Z                           # optional; a date means 00:00 UTC
 *     stop: 2026-12-01
 * </pre>
 */
public final class ExperimentCatalog {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, ExperimentDefinition> declared;

  private ExperimentCatalog(Map<String, ExperimentDefinition> declared) {
    this.declared = declared;
  }

  public static ExperimentCatalog empty() {
    return new ExperimentCatalog(Map.of());
  }

  public static ExperimentCatalog load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw Refusal.badRequest(file.toString(), "cannot read the experiments file: " + e.getMessage());
    }
  }

  /** Parses and validates every definition; the first problem is refused with its path and rule. */
  public static ExperimentCatalog parse(String yamlText) {
    FileDto file;
    try {
      file = yamlText == null || yamlText.isBlank() ? null : YAML.readValue(yamlText, FileDto.class);
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      throw Refusal.badRequest(path(e), rule(e));
    } catch (JsonProcessingException e) {
      // Syntax errors can surface wrapped in a mapping exception; either way the text is not YAML we can read.
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      String msg = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().split("\n")[0];
      throw Refusal.badRequest("", "not valid YAML" + where + msg);
    }
    Map<String, ExperimentDefinition> out = new LinkedHashMap<>();
    Map<String, Integer> firstIndex = new LinkedHashMap<>();
    List<ExpDto> list = file == null || file.experiments() == null ? List.of() : file.experiments();
    for (int i = 0; i < list.size(); i++) {
      String at = "experiments[" + i + "]";
      ExpDto dto = list.get(i);
      if (dto == null) {
        throw Refusal.badRequest(at, "an experiment must be a mapping with id, journey, metric, variants");
      }
      ExperimentDefinition def;
      try {
        def = toDefinition(dto);
      } catch (Refusal e) {
        throw e.under(at);
      }
      Integer first = firstIndex.putIfAbsent(def.id(), i);
      if (first != null) {
        throw Refusal.badRequest(at + ".id", "duplicate experiment id '" + def.id()
            + "' (first declared at experiments[" + first + "])");
      }
      out.put(def.id(), def);
    }
    return new ExperimentCatalog(java.util.Collections.unmodifiableMap(out));
  }

  /**
   * Loads the file a server starts with: any refusal names the file, and each declared journey must be one of
   * {@code journeys} (the ids the journey engine knows), else the experiment could never have attempts.
   */
  public static ExperimentCatalog loadFile(Path file, Collection<String> journeys) {
    ExperimentCatalog catalog;
    try {
      catalog = parse(Files.readString(file));
    } catch (IOException e) {
      throw new ExperimentFileException(file.toString(), "", "cannot read the experiments file: " + e.getMessage());
    } catch (Refusal e) {
      throw new ExperimentFileException(file.toString(), e.field(), e.rule());
    }
    int i = 0;
    for (ExperimentDefinition d : catalog.declared.values()) { // file order
      if (!journeys.contains(d.journey())) {
        throw new ExperimentFileException(file.toString(), "experiments[" + i + "].journey", "unknown journey '"
            + d.journey() + "' (known: " + String.join(", ", journeys) + ")");
      }
      i++;
    }
    return catalog;
  }

  public Optional<ExperimentDefinition> declared(String id) {
    return Optional.ofNullable(declared.get(id));
  }

  public List<ExperimentDefinition> all() {
    return declared.values().stream().sorted(java.util.Comparator.comparing(ExperimentDefinition::id)).toList();
  }

  /** Declared and seen experiment ids together, sorted: the list a dashboard variable offers. */
  public List<String> ids(Collection<String> seenInExposures) {
    TreeSet<String> ids = new TreeSet<>(declared.keySet());
    ids.addAll(seenInExposures);
    return List.copyOf(ids);
  }

  /**
   * The definition to analyse: the declared one, else one discovered from the variants seen in exposures, with
   * equal weights, metric completion_rate, no journey, and as control the variant named "control" (any case),
   * else "A", else the first in alphabetical order. Unknown when neither declared nor seen.
   */
  public ExperimentDefinition resolve(String id, Collection<String> variantsSeen) {
    ExperimentDefinition d = declared.get(id);
    if (d != null) {
      return d;
    }
    if (variantsSeen == null || variantsSeen.isEmpty()) {
      List<String> known = declared.keySet().stream().sorted().toList();
      throw Refusal.badRequest("experiment", "unknown experiment '" + id + "'"
          + (known.isEmpty() ? " (none declared or seen)" : " (known: " + String.join(", ", known) + ")"));
    }
    List<String> names = new ArrayList<>(new TreeSet<>(variantsSeen));
    String control = names.stream().filter(n -> n.equalsIgnoreCase("control")).findFirst()
        .orElse(names.contains("A") ? "A" : names.get(0));
    List<Variant> variants = names.stream().map(n -> new Variant(n, 1.0)).toList();
    return new ExperimentDefinition(id, null, ExperimentKpi.COMPLETION_RATE, variants, control, null, null, null, true);
  }

  private static ExperimentDefinition toDefinition(ExpDto dto) {
    ExperimentKpi metric = null;
    if (dto.metric() != null) {
      metric = ExperimentKpi.ofWireName(dto.metric()).orElseThrow(() -> Refusal.badRequest("metric",
          "unknown metric '" + dto.metric() + "'; one of " + ExperimentKpi.wireNames()));
    }
    List<Variant> variants = null;
    if (dto.variants() != null) {
      variants = new ArrayList<>();
      for (int j = 0; j < dto.variants().size(); j++) {
        VariantDto v = dto.variants().get(j);
        String at = "variants[" + j + "]";
        if (v == null || v.id() == null || v.id().isBlank()) {
          throw Refusal.badRequest(at + ".id", "every variant needs a non-empty id");
        }
        double w = v.weight() == null ? 1.0 : v.weight();
        if (!(w >= 0) || !Double.isFinite(w)) {
          throw Refusal.badRequest(at + ".weight", "weight must be a finite number >= 0, got " + w);
        }
        variants.add(new Variant(v.id(), w));
      }
    }
    MinimumDetectableEffect mde = null;
    if (dto.mde() != null) {
      MdeDto m = dto.mde();
      if ((m.absolute() == null) == (m.relative() == null)) {
        throw Refusal.badRequest("minimum_detectable_effect",
            "give exactly one of absolute (metric units) or relative (fraction of control)");
      }
      String which = m.absolute() != null ? "absolute" : "relative";
      double value = m.absolute() != null ? m.absolute() : m.relative();
      if (!(value > 0) || !Double.isFinite(value)) {
        throw Refusal.badRequest("minimum_detectable_effect." + which, "must be a positive number, got "
            + value);
      }
      mde = new MinimumDetectableEffect(value, m.relative() != null);
    }
    return new ExperimentDefinition(dto.id(), dto.journey(), metric, variants, dto.control(), mde,
        instant(dto.start(), "start"), instant(dto.stop(), "stop"), false);
  }

  private static Instant instant(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw Refusal.badRequest(field, field + " must be an ISO-8601 date (2026-11-01) or date-time with an "
            + "offset (2026-11-01T09:00:00Z), got '" + text + "'");
      }
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String rule(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'; allowed: " + u.getKnownPropertyIds();
    }
    String msg = e.getOriginalMessage();
    return "wrong type: " + (msg == null ? e.getClass().getSimpleName() : msg.split("\n")[0]);
  }

  record FileDto(@JsonProperty("experiments") List<ExpDto> experiments) {}

  record ExpDto(@JsonProperty("id") String id, @JsonProperty("journey") String journey,
                @JsonProperty("metric") String metric, @JsonProperty("variants") List<VariantDto> variants,
                @JsonProperty("control") String control,
                @JsonProperty("minimum_detectable_effect") MdeDto mde,
                @JsonProperty("start") String start, @JsonProperty("stop") String stop) {}

  record VariantDto(@JsonProperty("id") String id, @JsonProperty("weight") Double weight) {}

  record MdeDto(@JsonProperty("absolute") Double absolute, @JsonProperty("relative") Double relative) {}
}
