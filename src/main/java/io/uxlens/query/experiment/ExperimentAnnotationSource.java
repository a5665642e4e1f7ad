package io.uxlens.query.experiment;

import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.experiment.ExperimentDefinition;
import io.uxlens.experiment.Variant;
import io.uxlens.json.Json;
import io.uxlens.model.Annotation;
import io.uxlens.query.AnnotationSource;
import io.uxlens.query.AnnotationsMetric;
import io.uxlens.query.MetricQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The declared start and stop of experiments as point annotations tagged {@code experiment}, {@code start} or
 * {@code stop}, the experiment id and its journey. Discovered experiments have no declared times and none.
 */
public final class ExperimentAnnotationSource implements AnnotationSource {
  public static final String SOURCE = "uxlens-experiments";
  private final ExperimentCatalog catalog;

  public ExperimentAnnotationSource(ExperimentCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public List<String> tags() {
    LinkedHashSet<String> out = new LinkedHashSet<>(List.of("experiment", "start", "stop"));
    for (ExperimentDefinition d : catalog.all()) {
      out.add(d.id());
      out.add(d.journey());
    }
    return List.copyOf(out);
  }

  @Override
  public List<Annotation> annotations(MetricQuery q) {
    return between(q.payload().first("journey").orElse(AnnotationsMetric.ALL), q.range().fromMs(), q.range().toMs());
  }

  /** Starts and stops in [from, to] of the experiments on {@code journey} ({@code all}: every journey). */
  public List<Annotation> between(String journey, long from, long to) {
    List<Annotation> out = new ArrayList<>();
    for (ExperimentDefinition d : catalog.all()) {
      if (!AnnotationsMetric.ALL.equals(journey) && !journey.equals(d.journey())) {
        continue;
      }
      add(out, d, d.start(), "start", "Experiment started: ", from, to);
      add(out, d, d.stop(), "stop", "Experiment stopped: ", from, to);
    }
    return out;
  }

  private static void add(List<Annotation> out, ExperimentDefinition d, Instant at, String what, String title,
                          long from, long to) {
    if (at == null || at.toEpochMilli() < from || at.toEpochMilli() > to) {
      return;
    }
    String variants = d.variants().stream()
        .map(v -> v.id() + (v.id().equals(d.control()) ? " (control)" : "") + " weight " + weight(v))
        .collect(Collectors.joining(", "));
    String text = d.metric().wireName() + " of journey " + d.journey() + "; variants " + variants
        + (d.mde() == null ? "" : "; minimum detectable effect " + weight(d.mde().value())
            + (d.mde().relative() ? " relative" : " absolute"));
    out.add(new Annotation("experiment-" + d.id() + "-" + what, at.toEpochMilli(), null, title + d.id(), text,
        Json.write(List.of("experiment", what, d.id(), d.journey())), SOURCE));
  }

  private static String weight(Variant v) {
    return weight(v.weight());
  }

  private static String weight(double w) {
    return w == Math.rint(w) ? String.valueOf((long) w) : String.format(Locale.ROOT, "%s", w);
  }
}
