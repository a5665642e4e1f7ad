package io.uxlens.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the change of an overall rate into per-segment contributions. With segment shares w (units of the
 * segment / all units) and rates r in the comparison (0) and current (1) windows, the overall rate is
 * R = sum(w r), and with midpoints r̄ = (r0 + r1) / 2, w̄ = (w0 + w1) / 2 and R̄ = (R0 + R1) / 2:
 *
 * <pre>
 *   rate effect_s = (r1 - r0) * w̄            the segment got better or worse
 *   mix effect_s  = (w1 - w0) * (r̄ - R̄)      the segment grew or shrank, weighted by how far it sits from average
 *   contribution_s = rate effect_s + mix effect_s
 * </pre>
 *
 * Since sum(w1 - w0) = 0, subtracting R̄ changes no total, and sum over segments of the contributions is exactly
 * R1 - R0 (the symmetric, Shapley-style two-factor split: w1 r1 - w0 r0 = (r1 - r0) w̄ + (w1 - w0) r̄). A segment
 * growing at an average rate moves nothing, so its mix effect is about 0. A segment absent from one window takes its
 * other window's rate there (its rate effect is 0: it only appeared or vanished).
 */
public final class Decomposition {
  private Decomposition() {}

  /** A segment's units and hits (outcomes counted by the rate) in the comparison and current windows. */
  public record Counts(long units0, long hits0, long units1, long hits1) {
    public Counts {
      if (units0 < 0 || units1 < 0 || hits0 < 0 || hits1 < 0 || hits0 > units0 || hits1 > units1) {
        throw new IllegalArgumentException("counts must satisfy 0 <= hits <= units");
      }
    }

    public Double rate0() {
      return units0 == 0 ? null : (double) hits0 / units0;
    }

    public Double rate1() {
      return units1 == 0 ? null : (double) hits1 / units1;
    }

    Counts plus(Counts o) {
      return new Counts(units0 + o.units0, hits0 + o.hits0, units1 + o.units1, hits1 + o.hits1);
    }
  }

  /** The split of one segment, in the rate's units (0..1). */
  public record Effect(double rate, double mix) {
    public double contribution() {
      return rate + mix;
    }
  }

  /** The overall rates of the two windows (null when a window has no units) and their change. */
  public record Total(Double rate0, Double rate1) {
    /** R1 - R0; null unless both windows have units. */
    public Double change() {
      return rate0 == null || rate1 == null ? null : rate1 - rate0;
    }
  }

  public static Total total(List<Counts> segments) {
    Counts sum = new Counts(0, 0, 0, 0);
    for (Counts c : segments) {
      sum = sum.plus(c);
    }
    return new Total(sum.rate0(), sum.rate1());
  }

  /**
   * The effects of every segment of one partition, in order; empty effects (all 0) when either window has no units
   * (there is no change to split).
   */
  public static List<Effect> effects(List<Counts> segments) {
    long n0 = segments.stream().mapToLong(Counts::units0).sum();
    long n1 = segments.stream().mapToLong(Counts::units1).sum();
    List<Effect> out = new ArrayList<>();
    if (n0 == 0 || n1 == 0) {
      segments.forEach(s -> out.add(new Effect(0, 0)));
      return out;
    }
    Total t = total(segments);
    double mean = (t.rate0() + t.rate1()) / 2;
    for (Counts s : segments) {
      double w0 = (double) s.units0() / n0;
      double w1 = (double) s.units1() / n1;
      if (s.units0() == 0 && s.units1() == 0) {
        out.add(new Effect(0, 0));
        continue;
      }
      double r0 = s.units0() == 0 ? s.rate1() : s.rate0();
      double r1 = s.units1() == 0 ? s.rate0() : s.rate1();
      out.add(new Effect((r1 - r0) * (w0 + w1) / 2, (w1 - w0) * ((r0 + r1) / 2 - mean)));
    }
    return out;
  }
}
