package io.uxlens.references;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Industry benchmarks by KPI: the shipped resource benchmarks/default.yml, optionally overridden entry by entry
 * from a user file, and the status of a KPI value against its target and benchmark.
 */
public final class IndustryReferences {
  static final String RESOURCE = "/benchmarks/default.yml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Map<String, IndustryReference> byKpi;

  private IndustryReferences(Map<String, IndustryReference> byKpi) {
    this.byKpi = Map.copyOf(byKpi);
  }

  /** The shipped benchmarks. */
  public static IndustryReferences defaults() {
    try (InputStream in = IndustryReferences.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new IndustryReferences(index(parse(in, RESOURCE), RESOURCE));
    } catch (IOException e) {
      throw new ReferencesFileException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The shipped benchmarks with the user's entries replacing those of the same KPI, and adding new ones. */
  public static IndustryReferences withOverrides(Path userFile) {
    Map<String, IndustryReference> merged = new LinkedHashMap<>(defaults().byKpi);
    try (InputStream in = Files.newInputStream(userFile)) {
      merged.putAll(index(parse(in, userFile.toString()), userFile.toString()));
    } catch (IOException e) {
      throw new ReferencesFileException("cannot read benchmarks file " + userFile + ": " + e.getMessage(), e);
    }
    return new IndustryReferences(merged);
  }

  public Optional<IndustryReference> get(String kpi) {
    return Optional.ofNullable(byKpi.get(kpi));
  }

  public Collection<IndustryReference> all() {
    return byKpi.values();
  }

  /**
   * Status of a KPI value, the direction taken from its benchmark.
   *
   * @throws IllegalArgumentException for a KPI without benchmark: use the overload that states the direction
   */
  public Assessment assess(String kpi, Double value, Double target) {
    IndustryReference b = get(kpi).orElseThrow(() -> new IllegalArgumentException(
        "no benchmark for kpi " + kpi + ": say whether higher is better"));
    return assess(kpi, value, target, b.higherIsBetter());
  }

  /** Status of a KPI value against an optional target and the KPI's benchmark, if any. */
  public Assessment assess(String kpi, Double value, Double target, boolean higherIsBetter) {
    IndustryReference b = byKpi.get(kpi);
    if (b != null && b.higherIsBetter() != higherIsBetter) {
      throw new IllegalArgumentException("kpi " + kpi + ": direction contradicts its benchmark");
    }
    Double bench = b == null ? null : b.value();
    String source = b == null ? null : b.source();
    return new Assessment(kpi, value, target, bench, source, status(value, target, bench, higherIsBetter));
  }

  static KpiStatus status(Double value, Double target, Double benchmark, boolean higherIsBetter) {
    if (value == null || !Double.isFinite(value)) {
      return KpiStatus.NO_DATA;
    }
    if (benchmark != null && !atLeast(value, benchmark, higherIsBetter)) {
      return KpiStatus.BELOW_BENCHMARK;
    }
    if (target == null) {
      return KpiStatus.NO_TARGET;
    }
    return atLeast(value, target, higherIsBetter) ? KpiStatus.ABOVE_TARGET : KpiStatus.BELOW_TARGET;
  }

  private static boolean atLeast(double value, double reference, boolean higherIsBetter) {
    return higherIsBetter ? value >= reference : value <= reference;
  }

  private static List<IndustryReference> parse(InputStream in, String origin) throws IOException {
    try {
      File file = YAML.readValue(in, File.class);
      if (file == null || file.benchmarks == null) {
        throw new ReferencesFileException(origin + ": expected a top-level 'benchmarks:' list");
      }
      return file.benchmarks;
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ReferencesFileException(origin + ": " + cause.getMessage(), e);
    } catch (JacksonException e) {
      throw new ReferencesFileException(origin + ": " + e.getOriginalMessage() + " at " + path(e), e);
    }
  }

  private static String path(JacksonException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (var ref : m.getPath()) {
        sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
      }
      return sb.substring(sb.charAt(0) == '.' ? 1 : 0);
    }
    return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr();
  }

  private static Map<String, IndustryReference> index(List<IndustryReference> list, String origin) {
    Map<String, IndustryReference> map = new LinkedHashMap<>();
    for (IndustryReference b : list) {
      if (b == null) {
        throw new ReferencesFileException(origin + ": empty benchmark entry");
      }
      if (map.put(b.kpi(), b) != null) {
        throw new ReferencesFileException(origin + ": kpi " + b.kpi() + " is listed twice");
      }
    }
    return map;
  }

  /** The YAML document: {@code benchmarks:} followed by a list of entries. */
  private record File(List<IndustryReference> benchmarks) {
    @JsonCreator
    File(@JsonProperty("benchmarks") List<IndustryReference> benchmarks) {
      this.benchmarks = benchmarks;
    }
  }
}
