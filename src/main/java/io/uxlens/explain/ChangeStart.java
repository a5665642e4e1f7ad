package io.uxlens.explain;

/**
 * When a driver's move began, from the units of both windows in time order: the start of the run that
 * carries the most evidence of the move, i.e. the contiguous stretch maximising sum(sign * (x - m)) where x is the
 * yes/no outcome (a rate effect: the segment's own units) or membership of the segment (a mix effect: every unit),
 * m the midpoint of its level before and after and sign the direction of the move (the maximum-sum segment, found
 * in one pass). A burst inside a quiet day and a step change both start where the run starts.
 */
public final class ChangeStart {
  private ChangeStart() {}

  /**
   * Index into {@code xs} (ordered by time) where the run starts, or -1 when nothing moves ({@code direction} 0,
   * or no stretch rises above the midpoint).
   */
  public static int of(boolean[] xs, double midpoint, int direction) {
    if (direction == 0 || xs.length == 0) {
      return -1;
    }
    double[] d = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      d[i] = direction * ((xs[i] ? 1 : 0) - midpoint);
    }
    return of(d, direction > 0 ? 1 - midpoint : midpoint);
  }

  /**
   * The same over items that each carry the summed evidence of several units (a time bucket: direction x (hits -
   * midpoint x units)); {@code unit} is one unit's evidence, (1 - midpoint) rising, midpoint falling.
   */
  public static int of(double[] d, double unit) {
    if (d.length == 0) {
      return -1;
    }
    double best = 0;
    int bestStart = -1;
    int bestEnd = -1;
    double run = 0;
    int runStart = 0;
    for (int i = 0; i < d.length; i++) {
      if (run <= 0) {
        run = d[i];
        runStart = i;
      } else {
        run += d[i];
      }
      if (run > best) {
        best = run;
        bestStart = runStart;
        bestEnd = i;
      }
    }
    if (bestStart < 0) {
      return -1;
    }
    // A stray unit shortly before the run joins it as long as the gap costs less than it adds; a leading stretch
    // worth less than one unit of evidence is dropped, so the start is where the evidence really begins.
    double prefix = 0;
    int start = bestStart;
    for (int s = bestStart; s <= bestEnd; s++) {
      if (s > bestStart && d[s] > 0 && prefix < unit) {
        start = s;
      }
      prefix += d[s];
    }
    return start;
  }
}
