package io.uxlens.query;

import io.uxlens.store.PerfReads;
import java.util.List;

/**
 * Variable sources answered from the stored data alone. Journeys, steps and squads come from the journey engine
 * and are registered next to these in the composition root.
 */
public final class DataVariables {
  /** The track event and properties that record an experiment exposure (DESIGN.md, "Exposure"). */
  public static final String EXPOSURE_EVENT = "Experiment Viewed";
  public static final String EXPERIMENT_KEY = "experiment_id";
  public static final String VARIANT_KEY = "variant_id";

  private DataVariables() {}

  /** Registers services, app_versions, experiments and variants (payload "experiment" narrows variants). */
  public static Variables.Builder register(Variables.Builder b, ContextIndex contexts, PerfReads perf) {
    return b
        .add("services", payload -> values(perf.services()))
        .add("app_versions", payload -> values(contexts.values("app.version")))
        .add("experiments", payload -> values(contexts.eventPropertyValues(EXPOSURE_EVENT, EXPERIMENT_KEY,
            props -> true)))
        .add("variants", payload -> {
          List<String> experiments = payload.all("experiment");
          return values(contexts.eventPropertyValues(EXPOSURE_EVENT, VARIANT_KEY,
              props -> experiments.isEmpty() || experiments.contains(props.get(EXPERIMENT_KEY))));
        });
  }

  private static List<OptionValue> values(List<String> vs) {
    return vs.stream().map(OptionValue::of).toList();
  }
}
