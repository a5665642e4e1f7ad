package io.uxlens.correlate;

import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks a journey's steps (all but the first) by the completions lost there that slowness or errors explain, over
 * finished attempts. For step i, every attempt that reached step i-1 "faced" it and either reached it or was lost:
 * <ul>
 *   <li>its wait: seconds from step i-1 to step i, or, for a lost attempt, to its abandonment (a censored wait:
 *       it waited at least that long, see {@link StepWindows#abandonment});</li>
 *   <li>lost after an error: an error while at step i-1; otherwise lost while waiting;</li>
 *   <li>slow: a wait, censored included, longer than the p75 wait of the attempts that reached the step;</li>
 *   <li>lost to errors = errored x max(loss rate of errored - loss rate of the others, 0); lost to slowness, among
 *       attempts without an error, = slow x max(loss rate of slow - loss rate of the rest, 0): the losses above
 *       what the step loses anyway, so a step where leaving has nothing to do with waits or errors scores ~0;</li>
 *   <li>score = lost to slowness + lost to errors; shares = each / lost. Ranked by score, then lost, then index.</li>
 * </ul>
 * The trouble columns (troubled = slow or errored, journey completion with and without trouble, impact = without -
 * with) describe the same split. With spans, each step also names its {@link BackendCause}.
 */
public final class Bottlenecks {
  /** The completers' wait quantile beyond which a wait counts as slow. */
  static final double SLOW_QUANTILE = 0.75;

  private Bottlenecks() {}

  public record Step(int index, String stepId, long faced, long lost, long lostWaiting, long lostAfterError,
                     Double medianLatencySeconds, Double slowThresholdSeconds, long troubled,
                     Double completionWithTrouble, Double completionWithout, Double impact, double lostToSlowness,
                     double lostToErrors, Double slownessShare, Double errorShare, double score,
                     BackendCause.Operation cause) {}

  /** Without telemetry: lost attempts' waits end at their last journey event. */
  public static List<Step> rank(JourneyDefinition journey, List<Attempt> attempts) {
    return rank(journey, attempts, Map.of());
  }

  /** {@code spansBySession}: the spans of the attempts' sessions (session id to spans), or empty. */
  public static List<Step> rank(JourneyDefinition journey, List<Attempt> attempts,
                                Map<String, List<Span>> spansBySession) {
    StepWindows windows = new StepWindows(journey, spansBySession);
    List<Attempt> finished = attempts.stream().filter(a -> a.outcome().finished()).toList();
    List<Step> out = new ArrayList<>();
    for (int i = 1; i < journey.steps().size(); i++) {
      out.add(step(journey, i, finished, windows));
    }
    out.sort(Comparator.comparingDouble(Step::score).reversed().thenComparing(Comparator.comparingLong(Step::lost)
        .reversed()).thenComparingInt(Step::index));
    return out;
  }

  private static Step step(JourneyDefinition journey, int i, List<Attempt> finished, StepWindows windows) {
    String previousId = journey.step(i - 1).id();
    List<Attempt> faced = finished.stream().filter(a -> a.lastStepIndex() >= i - 1).toList();
    double[] reachedWaits = faced.stream().filter(a -> a.lastStepIndex() >= i)
        .mapToDouble(a -> a.stepLatencySeconds(i)).sorted().toArray();
    Double median = lowerQuantile(reachedWaits, 0.5);
    Double threshold = lowerQuantile(reachedWaits, SLOW_QUANTILE);
    Split errors = new Split();
    Split slowness = new Split();
    Split trouble = new Split();
    long lostAfterError = 0;
    for (Attempt a : faced) {
      boolean lost = a.lastStepIndex() < i;
      boolean errored = a.errorSteps().contains(previousId);
      boolean slow = threshold != null && windows.waitSeconds(a, i) > threshold;
      errors.add(errored, lost);
      if (!errored) {
        slowness.add(slow, lost);
      }
      trouble.add(errored || slow, a.outcome() != Outcome.COMPLETED);
      lostAfterError += lost && errored ? 1 : 0;
    }
    long lost = errors.lost();
    double toErrors = errors.excessLoss();
    double toSlowness = slowness.excessLoss();
    Double withTrouble = trouble.yesRate() == null ? null : 1 - trouble.yesRate();
    Double without = trouble.noRate() == null ? null : 1 - trouble.noRate();
    Double impact = withTrouble == null || without == null ? null : without - withTrouble;
    return new Step(i, journey.step(i).id(), faced.size(), lost, lost - lostAfterError, lostAfterError, median,
        threshold, trouble.yes, withTrouble, without, impact, toSlowness, toErrors,
        lost == 0 ? null : toSlowness / lost, lost == 0 ? null : toErrors / lost, toSlowness + toErrors,
        BackendCause.of(windows.spansInWindows(faced, i)));
  }

  /** The value at rank floor(q (n - 1)) of sorted values; null without values. */
  static Double lowerQuantile(double[] sorted, double q) {
    return sorted.length == 0 ? null : sorted[(int) Math.floor(q * (sorted.length - 1))];
  }

  /** Attempts split by a yes/no property, counting the lost ones on each side. */
  private static final class Split {
    long yes;
    long yesLost;
    long no;
    long noLost;

    void add(boolean property, boolean lost) {
      if (property) {
        yes++;
        yesLost += lost ? 1 : 0;
      } else {
        no++;
        noLost += lost ? 1 : 0;
      }
    }

    long lost() {
      return yesLost + noLost;
    }

    Double yesRate() {
      return yes == 0 ? null : (double) yesLost / yes;
    }

    Double noRate() {
      return no == 0 ? null : (double) noLost / no;
    }

    /** Losses on the yes side beyond the no side's loss rate (the no side's rate is 0 when it is empty). */
    double excessLoss() {
      if (yes == 0) {
        return 0;
      }
      double base = no == 0 ? 0 : noRate();
      return Math.max(0, yesLost - yes * base);
    }
  }
}
