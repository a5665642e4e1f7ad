package io.uxlens.query;

import io.uxlens.correlate.SpikeAnnotations;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.model.Annotation;
import io.uxlens.store.SpikeStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Error-rate spikes per journey as annotations: the spikes {@link io.uxlens.correlate.SpikeScan} detected and
 * stored, on a grain chosen from each journey's traffic, that overlap the range. The panel's interval plays no
 * part, so an incident is the same annotation at 1 m, 5 m, 1 h or 1 d. Tagged spike, error_rate and the journey id.
 */
public final class SpikeAnnotationSource implements AnnotationSource {
  private final JourneyDefinitions journeys;
  private final SpikeStore spikes;

  public SpikeAnnotationSource(JourneyDefinitions journeys, SpikeStore spikes) {
    this.journeys = journeys;
    this.spikes = spikes;
  }

  @Override
  public String source() {
    return SpikeAnnotations.SOURCE;
  }

  @Override
  public List<String> tags() {
    LinkedHashSet<String> out = new LinkedHashSet<>(List.of("spike", "error_rate"));
    journeys.all().forEach(j -> out.add(j.id()));
    return List.copyOf(out);
  }

  @Override
  public List<Annotation> annotations(MetricQuery q) {
    if ("exclude".equals(q.payload().first("spikes").orElse("include"))) {
      return List.of();
    }
    String journey = q.payload().first("journey").orElse(AnnotationsMetric.ALL);
    List<Annotation> out = new ArrayList<>();
    for (SpikeStore.Row s : spikes.overlapping(q.range().fromMs(), q.range().toMs())) {
      JourneyDefinition j = journeys.byId(s.journey()).orElse(null);
      if (j != null && (AnnotationsMetric.ALL.equals(journey) || journey.equals(j.id()))) {
        out.add(SpikeAnnotations.of(j.name() == null ? j.id() : j.name(), s));
      }
    }
    return out;
  }
}
