package io.uxlens.experiment;

import io.uxlens.Refusal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated experiment. {@code journey} is null only for a definition discovered from exposures (nothing
 * declared it); {@code mde}, {@code start} and {@code stop} are optional. Refusals are
 * {@link io.uxlens.Refusal}s whose path is the field name.
 */
public record ExperimentDefinition(
    String id, String journey, ExperimentKpi metric, List<Variant> variants, String control,
    MinimumDetectableEffect mde, Instant start, Instant stop, boolean discovered) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public ExperimentDefinition {
    if (id == null || !ID.matcher(id).matches()) {
      throw Refusal.badRequest("id", "id is required: 1-128 letters, digits, '.', '_', ':' or '-', got "
          + (id == null ? "nothing" : "'" + id + "'"));
    }
    if (!discovered && (journey == null || journey.isBlank())) {
      throw Refusal.badRequest("journey", "journey is required (the journey whose attempts are measured)");
    }
    if (metric == null) {
      throw Refusal.badRequest("metric", "metric is required: one of " + ExperimentKpi.wireNames());
    }
    if (variants == null || variants.size() < (discovered ? 1 : 2)) {
      throw Refusal.badRequest("variants", "at least two variants are required");
    }
    variants = List.copyOf(variants);
    Set<String> seen = new HashSet<>();
    double sum = 0;
    for (int i = 0; i < variants.size(); i++) {
      Variant v = Objects.requireNonNull(variants.get(i), "variant");
      if (!seen.add(v.id())) {
        throw Refusal.badRequest("variants[" + i + "].id", "duplicate variant id '" + v.id() + "'");
      }
      sum += v.weight();
    }
    if (!(sum > 0) || !Double.isFinite(sum)) {
      throw Refusal.badRequest("variants", "weights must sum to a positive number, got " + sum);
    }
    if (control == null || !seen.contains(control)) {
      throw Refusal.badRequest("control", "control " + (control == null ? "is required and" : "'" + control
          + "'") + " must be one of the variants " + seen.stream().sorted().toList());
    }
    if (mde != null && !mde.relative() && metric.isRate() && mde.value() >= 1) {
      throw Refusal.badRequest("minimum_detectable_effect.absolute",
          "an absolute effect on a rate is a fraction below 1 (0.02 = 2 percentage points), got " + mde.value());
    }
    if (start != null && stop != null && !stop.isAfter(start)) {
      throw Refusal.badRequest("stop", "stop must be after start");
    }
  }

  public Optional<Variant> variant(String variantId) {
    return variants.stream().filter(v -> v.id().equals(variantId)).findFirst();
  }

  public double totalWeight() {
    return variants.stream().mapToDouble(Variant::weight).sum();
  }

  /** Whether a timestamp (epoch ms) lies in [start, stop); open ends always match. */
  public boolean running(long epochMs) {
    return (start == null || epochMs >= start.toEpochMilli()) && (stop == null || epochMs < stop.toEpochMilli());
  }
}
