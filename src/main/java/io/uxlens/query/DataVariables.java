package io.uxlens.query;

import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.experiment.ExperimentDefinition;
import io.uxlens.experiment.Variant;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.PerfReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Variable sources answered from the stored data alone. Journeys, steps and squads come from the journey engine
 * and are registered next to these in the composition root.
 */
public final class DataVariables {
  private DataVariables() {}

  /**
   * Registers services, app_versions, experiments (declared and seen in exposures) and variants (declared and
   * seen; payload "experiment" narrows them).
   */
  public static Variables.Builder register(Variables.Builder b, ContextIndex contexts, PerfReads perf,
      ExposureStore exposures, ExperimentCatalog experiments) {
    return b
        .add("services", payload -> values(perf.services()))
        .add("app_versions", payload -> values(contexts.values("app.version")))
        .add("experiments", payload -> values(experiments.ids(exposures.variantsSeen().keySet())))
        .add("variants", payload -> {
          List<String> wanted = payload.all("experiment");
          TreeSet<String> out = new TreeSet<>();
          for (Map.Entry<String, Set<String>> e : exposures.variantsSeen().entrySet()) {
            if (wanted.isEmpty() || wanted.contains(e.getKey())) {
              out.addAll(e.getValue());
            }
          }
          for (ExperimentDefinition d : experiments.all()) {
            if (wanted.isEmpty() || wanted.contains(d.id())) {
              d.variants().stream().map(Variant::id).forEach(out::add);
            }
          }
          return values(new ArrayList<>(out));
        });
  }

  private static List<OptionValue> values(List<String> vs) {
    return vs.stream().map(OptionValue::of).toList();
  }
}
