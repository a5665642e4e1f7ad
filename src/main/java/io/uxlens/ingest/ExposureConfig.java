package io.uxlens.ingest;

import java.util.Objects;

/** Which track event records an exposure and which of its properties carry the experiment and variant. */
public record ExposureConfig(String eventName, String experimentProperty, String variantProperty) {
  /** Segment's spec for A/B testing tools: {@code Experiment Viewed} with experiment_id and variant_id. */
  public static final ExposureConfig SEGMENT = new ExposureConfig("Experiment Viewed", "experiment_id",
      "variant_id");

  public ExposureConfig {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(experimentProperty, "experimentProperty");
    Objects.requireNonNull(variantProperty, "variantProperty");
  }
}
