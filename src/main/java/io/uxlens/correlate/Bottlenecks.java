package io.uxlens.correlate;

import io.uxlens.journey.CorrelationState;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Attempt;
import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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
    return ranked(journey, i -> {
      List<Attempt> faced = finished.stream().filter(a -> a.lastStepIndex() >= i - 1).toList();
      return new Faced(StepWaits.of(journey, i, faced, windows),
          BackendCause.of(windows.spansInWindows(faced, i)));
    });
  }

  /**
   * The same ranking, each step's backend cause given by {@code causes} (or null): waits of lost attempts end when
   * the sessionizer last saw them ({@link Attempt#lastSeen()}), so no spans are read for them.
   */
  public static List<Step> rank(JourneyDefinition journey, List<Attempt> attempts,
                                IntFunction<BackendCause.Operation> causes) {
    StepWindows windows = new StepWindows(journey, Map.of());
    List<Attempt> finished = attempts.stream().filter(a -> a.outcome().finished()).toList();
    return ranked(journey, i -> new Faced(StepWaits.of(journey, i,
        finished.stream().filter(a -> a.lastStepIndex() >= i - 1).toList(), windows), causes.apply(i)));
  }

  /**
   * The same ranking from the rollups' {@link CorrelationState} (counts and waits in DDSketches: the thresholds
   * within 1% and a wait in the threshold's own sketch bin counted as not slow); {@code causes} gives each step's
   * backend cause, or null.
   */
  public static List<Step> rank(JourneyDefinition journey, CorrelationState state,
                                IntFunction<BackendCause.Operation> causes) {
    return ranked(journey, i -> new Faced(StepWaits.of(state, i), causes.apply(i)));
  }

  private record Faced(StepWaits waits, BackendCause.Operation cause) {}

  private static List<Step> ranked(JourneyDefinition journey, IntFunction<Faced> facedAt) {
    List<Step> out = new ArrayList<>();
    for (int i = 1; i < journey.steps().size(); i++) {
      Faced f = facedAt.apply(i);
      out.add(step(journey, i, f.waits(), f.cause()));
    }
    out.sort(Comparator.comparingDouble(Step::score).reversed().thenComparing(Comparator.comparingLong(Step::lost)
        .reversed()).thenComparingInt(Step::index));
    return out;
  }

  /**
   * One step's figures from its faced attempts' categories ({@link CorrelationState#category}): errored = an error
   * at the step before; slow = a wait above the p75 wait of the attempts that reached the step.
   */
  private static Step step(JourneyDefinition journey, int i, StepWaits w, BackendCause.Operation cause) {
    Double median = w.reachedQuantile(0.5);
    Double threshold = w.reachedQuantile(SLOW_QUANTILE);
    long[] all = new long[CorrelationState.CATEGORIES];
    long[] slow = new long[CorrelationState.CATEGORIES];
    for (int c = 0; c < all.length; c++) {
      all[c] = w.count(c);
      slow[c] = threshold == null ? 0 : w.countAbove(c, threshold);
    }
    int err = CorrelationState.ERRORED;
    int lostC = CorrelationState.LOST;
    int done = CorrelationState.REACHED_COMPLETED;
    int other = CorrelationState.REACHED_OTHER;
    long faced = java.util.Arrays.stream(all).sum();
    long lostAfterError = all[err + lostC];
    long lost = all[lostC] + lostAfterError;
    Split errors = new Split(all[err + lostC] + all[err + done] + all[err + other], lostAfterError,
        all[lostC] + all[done] + all[other], all[lostC]);
    long slowClean = slow[lostC] + slow[done] + slow[other];
    Split slowness = new Split(slowClean, slow[lostC], errors.no - slowClean, all[lostC] - slow[lostC]);
    // trouble = errored or slow; its "lost" side is every attempt that did not complete
    Split trouble = new Split(errors.yes + slowClean, all[err + lostC] + all[err + other] + slow[lostC] + slow[other],
        errors.no - slowClean, all[lostC] - slow[lostC] + all[other] - slow[other]);
    double toErrors = errors.excessLoss();
    double toSlowness = slowness.excessLoss();
    Double withTrouble = trouble.yesRate() == null ? null : 1 - trouble.yesRate();
    Double without = trouble.noRate() == null ? null : 1 - trouble.noRate();
    Double impact = withTrouble == null || without == null ? null : without - withTrouble;
    return new Step(i, journey.step(i).id(), faced, lost, lost - lostAfterError, lostAfterError, median,
        threshold, trouble.yes, withTrouble, without, impact, toSlowness, toErrors,
        lost == 0 ? null : toSlowness / lost, lost == 0 ? null : toErrors / lost, toSlowness + toErrors, cause);
  }

  /** The value at rank floor(q (n - 1)) of sorted values; null without values. */
  static Double lowerQuantile(double[] sorted, double q) {
    return sorted.length == 0 ? null : sorted[(int) Math.floor(q * (sorted.length - 1))];
  }

  /** Attempts split by a yes/no property, counting the lost ones on each side. */
  private record Split(long yes, long yesLost, long no, long noLost) {
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
