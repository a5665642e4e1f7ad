package io.uxlens.explain;

import io.uxlens.json.Json;
import io.uxlens.model.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The annotation (deploy, release, incident, experiment start) nearest before a driver's change began, within a
 * window. A change is often first seen in attempts that started a little before the annotation's time (a user
 * mid-checkout when the deploy lands), so an annotation up to {@link #GRACE_MS} after the start also counts. On a
 * tie in time, deploys and releases come before incidents: the incident is the consequence.
 */
public final class Alignment {
  /** Annotations up to this long after the change start still count as before it. */
  public static final long GRACE_MS = 5 * 60_000L;
  /** Tags of annotations that can explain a change. */
  public static final List<String> CAUSE_TAGS = List.of("deploy", "release", "experiment", "incident");

  private Alignment() {}

  /** The annotation and how long after it the change started (negative within the grace). */
  public record Aligned(Annotation annotation, long afterMs) {}

  public static Optional<Aligned> nearest(List<Annotation> annotations, long changeStart, long windowMs) {
    return annotations.stream().filter(a -> cause(a) < CAUSE_TAGS.size())
        .filter(a -> a.time() <= changeStart + GRACE_MS && a.time() >= changeStart - windowMs)
        .min(Comparator.comparingLong((Annotation a) -> Math.abs(changeStart - a.time()))
            .thenComparingInt(Alignment::cause).thenComparing(Annotation::id))
        .map(a -> new Aligned(a, changeStart - a.time()));
  }

  /** The rank of the annotation's first cause tag (deploy first), or the list size when it has none. */
  static int cause(Annotation a) {
    Set<String> tags;
    try {
      tags = new java.util.HashSet<>();
      Json.MAPPER.readTree(a.tags()).forEach(t -> tags.add(t.asText().toLowerCase(java.util.Locale.ROOT)));
    } catch (java.io.IOException e) {
      return CAUSE_TAGS.size();
    }
    for (int i = 0; i < CAUSE_TAGS.size(); i++) {
      if (tags.contains(CAUSE_TAGS.get(i))) {
        return i;
      }
    }
    return CAUSE_TAGS.size();
  }
}
