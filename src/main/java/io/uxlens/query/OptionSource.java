package io.uxlens.query;

import io.uxlens.grafana.Payload;
import java.util.List;

/**
 * Where a select's choices come from: a fixed list, the data (services seen, context keys seen) or another
 * engine (journeys). Given the payload so far, so a choice may depend on another option (steps of a journey).
 */
@FunctionalInterface
public interface OptionSource {
  List<OptionValue> options(Payload payload);

  static OptionSource fixed(String... values) {
    List<OptionValue> list = java.util.Arrays.stream(values).map(OptionValue::of).toList();
    return payload -> list;
  }
}
