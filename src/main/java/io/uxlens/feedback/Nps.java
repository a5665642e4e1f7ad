package io.uxlens.feedback;

/**
 * Net Promoter Score: % promoters (9-10) minus % detractors (0-6), in [-100, 100]; {@code value} is null when
 * there are no responses, so an empty bucket is never mistaken for a score of zero.
 */
public record Nps(Double value, int responses, int promoters, int passives, int detractors) {
  public Nps {
    if (promoters < 0 || passives < 0 || detractors < 0 || promoters + passives + detractors != responses) {
      throw new IllegalArgumentException("NPS counts must be >= 0 and add up to responses");
    }
    if ((value == null) != (responses == 0)) {
      throw new IllegalArgumentException("NPS value is null exactly when there are no responses");
    }
  }

  static Nps of(int promoters, int passives, int detractors) {
    int n = promoters + passives + detractors;
    Double v = n == 0 ? null : 100.0 * (promoters - detractors) / n;
    return new Nps(v, n, promoters, passives, detractors);
  }
}
