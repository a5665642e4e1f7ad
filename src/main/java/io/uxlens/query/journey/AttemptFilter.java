package io.uxlens.query.journey;

import io.uxlens.grafana.AdHocFilter;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Grafana's ad hoc filters as the journey engine applies them. Keys are the attempt's context dimensions
 * ({@link ContextDimensions#KEYS}), also under the dotted names the tag keys show ({@code app.version},
 * {@code device.type}, {@code os.name}, {@code location.country}, {@code variant_id}), and {@code journey}.
 * A {@code =} on a dimension goes to the store (rollups are skipped, the attempts table is filtered in SQL);
 * {@code !=}, {@code =~}, {@code !~} and a second {@code =} on the same key are applied to each attempt. As for
 * the other metrics, a key an attempt does not carry fails {@code =} and {@code =~} and passes {@code !=} and
 * {@code !~} (so a filter on a key journeys do not know, such as {@code service=x}, leaves no attempt).
 *
 * @param equalities dimension = value pairs the store applies
 * @param rest filters applied to each attempt's context, keys already mapped to dimension names
 * @param onJourney filters on the journey id
 */
record AttemptFilter(Map<String, String> equalities, List<AdHocFilter> rest, List<AdHocFilter> onJourney) {
  static final Map<String, String> ALIASES = Map.of("app.version", "app_version", "device.type", "device",
      "os.name", "os", "location.country", "country", "variant_id", "variant", "browser.name", "browser");
  static final AttemptFilter NONE = new AttemptFilter(Map.of(), List.of(), List.of());

  AttemptFilter {
    equalities = Map.copyOf(equalities);
    rest = List.copyOf(rest);
    onJourney = List.copyOf(onJourney);
  }

  /** The dimension a key names (an alias mapped), or the key itself. */
  static String dimension(String key) {
    return ALIASES.getOrDefault(key, key);
  }

  static AttemptFilter of(List<AdHocFilter> filters) {
    if (filters.isEmpty()) {
      return NONE;
    }
    Map<String, String> eq = new LinkedHashMap<>();
    List<AdHocFilter> rest = new ArrayList<>();
    List<AdHocFilter> journey = new ArrayList<>();
    for (AdHocFilter f : filters) {
      String key = dimension(f.key());
      AdHocFilter mapped = new AdHocFilter(key, f.operator(), f.value());
      if (key.equals("journey")) {
        journey.add(mapped);
      } else if (f.operator() == AdHocFilter.Operator.EQ && ContextDimensions.KEYS.contains(key)
          && !eq.containsKey(key)) {
        eq.put(key, f.value());
      } else {
        rest.add(mapped);
      }
    }
    return new AttemptFilter(eq, rest, journey);
  }

  boolean acceptsJourney(String journeyId) {
    Map<String, String> dims = Map.of("journey", journeyId);
    return onJourney.stream().allMatch(f -> f.matches(dims));
  }

  /** The per-attempt part, or null when the store's equalities are the whole filter. */
  Predicate<Attempt> predicate() {
    if (rest.isEmpty()) {
      return null;
    }
    return a -> rest.stream().allMatch(f -> f.matches(a.context()));
  }
}
