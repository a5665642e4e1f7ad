package io.uxlens.server;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.Sessionizer;
import io.uxlens.model.Attempt;
import io.uxlens.prometheus.AttemptState;
import io.uxlens.prometheus.JourneyMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects the journey engine to the Prometheus journey families: declares each journey, its steps and targets,
 * and hands every sessionizer commit's before/after attempts to {@link JourneyMetrics#attemptsChanged}, which
 * counts differences only (re-runs count nothing).
 */
final class JourneyCounters {
  private JourneyCounters() {}

  static void wire(JourneyDefinitions definitions, Sessionizer sessionizer, JourneyMetrics metrics) {
    for (JourneyDefinition j : definitions.all()) {
      metrics.define(j.id(), j.steps().stream().map(JourneyDefinition.Step::id).toList());
      JourneyDefinition.Targets t = j.targets();
      if (t.completionRate() != null) {
        metrics.target(j.id(), "completion_rate", t.completionRate());
      }
      if (t.errorRate() != null) {
        metrics.target(j.id(), "error_rate", t.errorRate());
      }
      if (t.timeOnTaskP75() != null) {
        metrics.target(j.id(), "time_on_task_p75_seconds", t.timeOnTaskP75().toMillis() / 1000.0);
      }
    }
    sessionizer.addListener((before, after) -> {
      Map<String, AttemptState> old = new HashMap<>();
      before.forEach((id, a) -> old.put(id, state(definitions, a)));
      metrics.attemptsChanged(old, after.stream().map(a -> state(definitions, a)).toList());
    });
  }

  static AttemptState state(JourneyDefinitions definitions, Attempt a) {
    List<String> stepIds = definitions.byId(a.journey()).orElseThrow().steps().subList(0, a.lastStepIndex() + 1)
        .stream().map(JourneyDefinition.Step::id).toList();
    return new AttemptState(a.id(), a.journey(), a.outcome().code(), stepIds, a.stepTimes(), a.errorSteps(),
        a.start(), a.end());
  }
}
