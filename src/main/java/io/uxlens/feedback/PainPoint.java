package io.uxlens.feedback;

import java.util.List;
import java.util.Objects;

/**
 * A theme users complain about in one sprint.
 *
 * @param theme readable label (the most common wording, e.g. "slow import")
 * @param key the theme's stem set, stable across sprints (e.g. "import slow")
 * @param mentions negative feedback items of the sprint that mention the theme
 * @param share mentions / all negative feedback items of the sprint with text
 * @param meanSentiment mean VADER compound of the mentioning items
 * @param rank mentions x negativity, negativity = (1 - meanSentiment) / 2, in [0, 1]
 * @param previousMentions mentions of the same stem set in the previous sprint
 * @param journeys journeys the mentioning items belong to, sorted
 * @param quote the most negative mentioning text, as a representative quote
 */
public record PainPoint(
    String theme, String key, int mentions, double share, double meanSentiment, double rank,
    int previousMentions, List<String> journeys, String quote) {
  public PainPoint {
    Objects.requireNonNull(theme, "theme");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(quote, "quote");
    if (mentions <= 0 || previousMentions < 0 || share <= 0 || share > 1) {
      throw new IllegalArgumentException("pain point needs mentions > 0, share in (0, 1], previous >= 0");
    }
    journeys = List.copyOf(journeys);
  }

  /** Change in mentions against the previous sprint (positive = growing). */
  public int change() {
    return mentions - previousMentions;
  }
}
