package io.uxlens.dashboards;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every generated dashboard, by the path it gets under the output folder: one per journey under journeys/,
 * plus overview, on-call, experiments and voice of the customer. Grafana's file provider turns the folders into
 * dashboard folders (foldersFromFilesStructure).
 */
public final class DashboardSet {
  /** What the Experiments dashboard opens on by default: the demo's experiment and its journey. */
  public static final String DEFAULT_EXPERIMENT = "import-progress-bar";
  public static final String DEFAULT_EXPERIMENT_JOURNEY = "inventory-import";

  private static final ObjectWriter WRITER = Json.MAPPER.writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private DashboardSet() {}

  public static Map<String, ObjectNode> generate(List<JourneySpec> journeys, Flavor flavor) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (JourneySpec j : journeys) {
      out.put("journeys/" + j.id() + ".json", JourneyDashboard.of(j, journeys).build(flavor));
    }
    out.put("overview.json", OverviewDashboard.of(journeys).build(flavor));
    out.put("oncall.json", OnCallDashboard.of(journeys).build(flavor));
    String experimentJourney = journeys.stream().anyMatch(j -> j.id().equals(DEFAULT_EXPERIMENT_JOURNEY))
        ? DEFAULT_EXPERIMENT_JOURNEY : journeys.get(0).id();
    out.put("experiments.json", ExperimentsDashboard.of(journeys, DEFAULT_EXPERIMENT, experimentJourney)
        .build(flavor));
    out.put("voice.json", VoiceDashboard.of().build(flavor));
    return out;
  }

  /** The file text of a dashboard: two-space indentation, keys in build order, a final newline. */
  public static String text(ObjectNode dashboard) {
    try {
      return WRITER.writeValueAsString(dashboard) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a dashboard", e);
    }
  }

  /** Writes every dashboard under {@code dir}; returns the files written. */
  public static List<Path> write(Path dir, Map<String, ObjectNode> dashboards) throws IOException {
    List<Path> written = new java.util.ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : dashboards.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, text(e.getValue()), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }
}
