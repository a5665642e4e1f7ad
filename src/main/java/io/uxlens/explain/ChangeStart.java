package io.uxlens.explain;

/**
 * When a driver's move began, from the units of both windows in start-time order: the start of the run that
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
    double best = 0;
    int bestStart = -1;
    double run = 0;
    int runStart = 0;
    for (int i = 0; i < xs.length; i++) {
      double d = direction * ((xs[i] ? 1 : 0) - midpoint);
      if (run <= 0) {
        run = d;
        runStart = i;
      } else {
        run += d;
      }
      if (run > best) {
        best = run;
        bestStart = runStart;
      }
    }
    return bestStart;
  }
}
