package io.uxlens.query;

import io.uxlens.correlate.SpikeAnnotations;
import io.uxlens.correlate.SpikeDetector;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.journey.KpiBucket;
import io.uxlens.model.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Error-rate spikes per journey, detected on read: each journey's finished attempts and those with an error per
 * bucket ({@link JourneyKpis#series}, from rollups) go through {@link SpikeDetector} with a trailing baseline that
 * starts {@code window} buckets before the range, so a spike at the start of the range is judged against the hours
 * before it. Spikes overlapping the range become annotations tagged spike, error_rate and the journey id.
 * The bucket is the query's step rounded up the ladder 5m, 15m, 1h, 6h, 1d (whole minutes and hours keep the
 * series on rollups; 5 minutes is the shortest that gathers enough attempts to judge).
 */
public final class SpikeAnnotationSource implements AnnotationSource {
  static final long MINUTE = 60_000L;
  static final long[] LADDER = {5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE, 24 * 60 * MINUTE};

  private final JourneyKpis kpis;
  private final SpikeDetector detector;
  private final SpikeDetector.Params params;

  public SpikeAnnotationSource(JourneyKpis kpis, SpikeDetector.Params params) {
    this.kpis = kpis;
    this.params = params;
    this.detector = new SpikeDetector(params);
  }

  @Override
  public String source() {
    return SpikeAnnotations.SOURCE;
  }

  @Override
  public List<String> tags() {
    LinkedHashSet<String> out = new LinkedHashSet<>(List.of("spike", "error_rate"));
    kpis.definitions().all().forEach(j -> out.add(j.id()));
    return List.copyOf(out);
  }

  @Override
  public List<Annotation> annotations(MetricQuery q) {
    if ("exclude".equals(q.payload().first("spikes").orElse("include"))) {
      return List.of();
    }
    String journey = q.payload().first("journey").orElse(AnnotationsMetric.ALL);
    long bucket = bucketMs(q.buckets().stepMs());
    long from = q.range().fromMs();
    long to = q.range().toMs();
    long start = Math.floorDiv(from, bucket) * bucket - params.window() * bucket;
    List<Annotation> out = new ArrayList<>();
    for (JourneyDefinition j : kpis.definitions().all()) {
      if (!AnnotationsMetric.ALL.equals(journey) && !journey.equals(j.id())) {
        continue;
      }
      List<SpikeDetector.Bucket> buckets = new ArrayList<>();
      for (KpiBucket b : kpis.series(j.id(), start, to, bucket, Optional.empty(), Map.of()).buckets()) {
        buckets.add(new SpikeDetector.Bucket(b.time(), b.finished(), b.finishedWithError()));
      }
      List<SpikeDetector.Spike> inRange = detector.detect(buckets, bucket).stream()
          .filter(s -> s.end() + bucket > from && s.start() <= to).toList();
      out.addAll(SpikeAnnotations.of(j.id(), j.name() == null ? j.id() : j.name(), bucket, inRange));
    }
    return out;
  }

  /** The smallest rung of the ladder at least {@code stepMs}; the top rung beyond it. */
  static long bucketMs(long stepMs) {
    for (long rung : LADDER) {
      if (rung >= stepMs) {
        return rung;
      }
    }
    return LADDER[LADDER.length - 1];
  }
}
