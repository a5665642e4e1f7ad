package io.uxlens.correlate;

import io.uxlens.json.Json;
import io.uxlens.model.Annotation;
import io.uxlens.store.SpikeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Detected error-rate spikes as annotations for the {@code annotations} metric: the span of the spike buckets,
 * tagged {@code spike}, {@code error_rate} and the journey id, so the On-call dashboard can show every spike
 * (tag spike) and a journey dashboard its own (tag = journey id). Ids are stable, so recomputing gives the same
 * annotations rather than new ones.
 */
public final class SpikeAnnotations {
  public static final String SOURCE = "uxlens-spikes";

  private SpikeAnnotations() {}

  public static List<Annotation> of(String journeyId, String journeyName, long bucketMs,
      List<SpikeDetector.Spike> spikes) {
    List<Annotation> out = new ArrayList<>();
    for (SpikeDetector.Spike s : spikes) {
      out.add(of(journeyName, new SpikeStore.Row(journeyId, s.start(), s.end() + bucketMs, bucketMs, s.peakRate(),
          s.baselineRate(), s.peakZ(), s.attempts())));
    }
    return out;
  }

  /** A stored spike as its annotation. */
  public static Annotation of(String journeyName, SpikeStore.Row s) {
    String text = String.format(Locale.ROOT,
        "%.1f%% of finished attempts had an error at the peak, against a baseline of %.1f%% (robust z %.1f, "
            + "%d finished attempts in the spike)",
        100 * s.peakRate(), 100 * s.baselineRate(), s.peakZ(), s.attempts());
    return new Annotation("spike-" + s.journey() + "-" + s.start(), s.start(), s.end(),
        "Error-rate spike: " + journeyName, text, Json.write(List.of("spike", "error_rate", s.journey())), SOURCE);
  }
}
