package io.uxlens.query;

import io.uxlens.Refusal;
import io.uxlens.grafana.Payload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named dashboard variable sources. Registered in the composition root like metrics, so the journey engine adds
 * {@code journeys}, {@code steps} and {@code squads} with one line each.
 */
public final class Variables {
  private final Map<String, VariableSource> sources;

  private Variables(Map<String, VariableSource> sources) {
    this.sources = sources;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final Map<String, VariableSource> sources = new LinkedHashMap<>();

    public Builder add(String name, VariableSource source) {
      if (sources.putIfAbsent(name, source) != null) {
        throw new IllegalArgumentException("variable registered twice: " + name);
      }
      return this;
    }

    public Variables build() {
      return new Variables(new LinkedHashMap<>(sources));
    }
  }

  public List<String> names() {
    return List.copyOf(sources.keySet());
  }

  public List<OptionValue> values(String name, Payload payload) {
    VariableSource s = name == null ? null : sources.get(name);
    if (s == null) {
      throw Refusal.badRequest("payload.target", "unknown variable '" + name + "'; valid: "
          + String.join(", ", sources.keySet()));
    }
    return s.values(payload);
  }
}
