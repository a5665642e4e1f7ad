package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.query.OptionValue;
import io.uxlens.query.Variables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dashboard variables from the journey definitions: {@code journeys} (text = name, value = id; payload
 * {@code squad} narrows them), {@code steps} (of payload {@code journey}; every step id for none or "all") and
 * {@code squads}.
 */
public final class JourneyVariables {
  private JourneyVariables() {}

  public static Variables.Builder register(Variables.Builder b, JourneyDefinitions defs) {
    return b
        .add("journeys", payload -> {
          String squad = payload.first("squad").filter(s -> !JourneyData.ALL.equals(s)).orElse(null);
          List<OptionValue> out = new ArrayList<>();
          for (JourneyDefinition j : defs.all()) {
            if (squad == null || squad.equals(j.squad())) {
              out.add(new OptionValue(j.name(), j.id()));
            }
          }
          return out;
        })
        .add("steps", payload -> {
          String journey = payload.first("journey").orElse(JourneyData.ALL);
          if (!JourneyData.ALL.equals(journey) && defs.byId(journey).isEmpty()) {
            throw Refusal.badRequest("payload.journey", "unknown journey '" + journey + "'; valid: all, "
                + String.join(", ", defs.all().stream().map(JourneyDefinition::id).toList()));
          }
          Set<String> ids = new LinkedHashSet<>();
          for (JourneyDefinition j : defs.all()) {
            if (JourneyData.ALL.equals(journey) || j.id().equals(journey)) {
              j.steps().forEach(s -> ids.add(s.id()));
            }
          }
          return ids.stream().map(OptionValue::of).toList();
        })
        .add("squads", payload -> {
          Set<String> squads = new LinkedHashSet<>();
          defs.all().forEach(j -> {
            if (j.squad() != null && !j.squad().isBlank()) {
              squads.add(j.squad());
            }
          });
          return squads.stream().map(OptionValue::of).toList();
        });
  }
}
