package io.uxlens.model;

import java.util.Objects;

/**
 * A piece of user feedback. {@code kind} is nps, csat, ces, text or ticket; {@code score} is null for text and
 * tickets; {@code sentiment} is the VADER compound score in [-1, 1] when there is text; {@code tags} is a JSON
 * array text.
 */
public record Feedback(
    String id,
    String kind,
    Double score,
    String text,
    String userId,
    String sessionId,
    String journey,
    long timestamp,
    Double sentiment,
    String tags,
    String source) {

  public Feedback {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    tags = tags == null ? "[]" : tags;
  }
}
