package io.uxlens.explain;

/**
 * One segment (a value of a dimension) and its part in a KPI's move between the comparison window (0) and the
 * current one (1): its units and KPI in both, its contribution to the overall change split into rate and mix
 * effects ({@link Decomposition}, in the decomposed rate's units), its share of the overall change, the p-value of
 * its own change ({@link ProportionTest}) and that p-value adjusted across every row ({@link BenjaminiHochberg}).
 * {@code changeStart} is filled for the top rows ({@link ChangeStart}), else null. {@code excess} is the
 * contribution beyond the segment's size: contribution - (mean share of units) x overall change, what ranks rows.
 */
public record Driver(String dimension, String segment, long units0, long units1, Double kpi0, Double kpi1,
                     double rateEffect, double mixEffect, Double share, Double pValue, Double adjustedPValue,
                     Long changeStart, double excess) {
  public double contribution() {
    return rateEffect + mixEffect;
  }

  /** The segment's own KPI change; null unless it has units in both windows. */
  public Double change() {
    return kpi0 == null || kpi1 == null ? null : kpi1 - kpi0;
  }

  Driver withAdjusted(Double adjusted) {
    return new Driver(dimension, segment, units0, units1, kpi0, kpi1, rateEffect, mixEffect, share, pValue, adjusted,
        changeStart, excess);
  }

  Driver withChangeStart(Long start) {
    return new Driver(dimension, segment, units0, units1, kpi0, kpi1, rateEffect, mixEffect, share, pValue,
        adjustedPValue, start, excess);
  }

  /** The row without its change start: what two ways of dating a move still agree on. */
  public Driver withoutChangeStart() {
    return withChangeStart(null);
  }

  /** True when the segment growing or shrinking moved the KPI more than its own rate did. */
  public boolean mixDominated() {
    return Math.abs(mixEffect) > Math.abs(rateEffect);
  }
}
