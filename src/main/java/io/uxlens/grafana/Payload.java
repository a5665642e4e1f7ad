package io.uxlens.grafana;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target's payload options, already out of JSON: every option holds a list of strings (a select has one value,
 * a multi-select several). Blank values are dropped so an unset editor field means "not given".
 */
public record Payload(Map<String, List<String>> values) {
  public static final Payload EMPTY = new Payload(Map.of());

  public Payload {
    Map<String, List<String>> clean = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((k, vs) -> {
        List<String> kept = vs == null ? List.of() : vs.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (!kept.isEmpty()) {
          clean.put(k, kept);
        }
      });
    }
    values = Collections.unmodifiableMap(clean);
  }

  public static Payload of(Map<String, String> single) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    single.forEach((k, v) -> m.put(k, v == null ? List.of() : List.of(v)));
    return new Payload(m);
  }

  public Optional<String> first(String name) {
    List<String> vs = values.get(name);
    return vs == null ? Optional.empty() : Optional.of(vs.get(0));
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public Payload with(String name, List<String> vs) {
    Map<String, List<String>> m = new LinkedHashMap<>(values);
    m.put(name, vs);
    return new Payload(m);
  }
}
