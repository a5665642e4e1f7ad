package io.uxlens.model;

import java.util.Objects;

/** A deploy, incident, note or experiment start/stop, shown on dashboards. {@code tags} is a JSON array text. */
public record Annotation(
    String id,
    long time,
    Long timeEnd,
    String title,
    String text,
    String tags,
    String source) {

  public Annotation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    tags = tags == null ? "[]" : tags;
  }
}
