package io.uxlens.dashboards;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The journeys dashboards are generated for, read with the journey engine's own loader (so a file the server
 * refuses is refused here too, with the same path and rule), reduced to what a dashboard needs.
 */
public final class JourneySpecs {
  private JourneySpecs() {}

  /** The file given, or the journeys shipped in the jar when {@code file} is null. */
  public static List<JourneySpec> load(Path file) {
    JourneyDefinitions defs;
    try {
      defs = JourneyDefinitions.load(file);
    } catch (JourneyFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<JourneySpec> out = defs.all().stream().map(JourneySpecs::of).toList();
    for (int i = 0; i < out.size(); i++) {
      String id = out.get(i).id();
      if (!id.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
        throw new IllegalArgumentException((file == null ? JourneyDefinitions.DEFAULT_RESOURCE : file) + ": journeys["
            + i + "].id must be lower-case letters, digits, '-' or '_' to become a dashboard uid, got '" + id + "'");
      }
    }
    return out;
  }

  static JourneySpec of(JourneyDefinition j) {
    JourneyDefinition.Targets t = j.targets();
    return new JourneySpec(j.id(), j.name(), j.squad(), j.steps().stream().map(JourneyDefinition.Step::id).toList(),
        t.completionRate(), t.errorRate(), t.timeOnTaskP75() == null ? null : (double) t.timeOnTaskP75().toSeconds(),
        j.systemSeries());
  }
}
