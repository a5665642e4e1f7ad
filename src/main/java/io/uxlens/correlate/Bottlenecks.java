package io.uxlens.correlate;

import io.uxlens.model.Attempt;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks a journey's steps (all but the first) as bottlenecks, over finished attempts. For step i:
 * <ul>
 *   <li>{@code faced}: attempts that reached step i-1; {@code lost}: those that never reached step i (the
 *       completions lost there);</li>
 *   <li>"trouble": an error while at step i-1 (trying to reach i), or step i reached slower than the step's median
 *       latency (lower median of the attempts reaching it);</li>
 *   <li>{@code impact}: completion rate of faced attempts without trouble minus with trouble (how much lower
 *       completion is when the step is slow or errors);</li>
 *   <li>{@code score} = lost x max(impact, 0); ranked by score, then lost.</li>
 * </ul>
 */
public final class Bottlenecks {
  private Bottlenecks() {}

  public record Step(int index, String stepId, long faced, long lost, Double medianLatencySeconds,
                     long troubled, Double completionWithTrouble, Double completionWithout, Double impact,
                     double score) {}

  public static List<Step> rank(JourneyDefinition journey, List<Attempt> attempts) {
    List<Attempt> finished = attempts.stream().filter(a -> a.outcome().finished()).toList();
    List<Step> out = new ArrayList<>();
    for (int i = 1; i < journey.steps().size(); i++) {
      final int step = i;
      String previousId = journey.step(i - 1).id();
      List<Attempt> faced = finished.stream().filter(a -> a.lastStepIndex() >= step - 1).toList();
      long lost = faced.stream().filter(a -> a.lastStepIndex() < step).count();
      double[] lat = faced.stream().filter(a -> a.lastStepIndex() >= step)
          .mapToDouble(a -> a.stepLatencySeconds(step)).sorted().toArray();
      Double median = lat.length == 0 ? null : lat[(int) Math.floor(0.5 * (lat.length - 1))];
      long troubled = 0;
      long troubledDone = 0;
      long calm = 0;
      long calmDone = 0;
      for (Attempt a : faced) {
        boolean slow = median != null && a.lastStepIndex() >= step && a.stepLatencySeconds(step) > median;
        boolean trouble = slow || a.errorSteps().contains(previousId);
        boolean done = a.outcome() == Outcome.COMPLETED;
        if (trouble) {
          troubled++;
          troubledDone += done ? 1 : 0;
        } else {
          calm++;
          calmDone += done ? 1 : 0;
        }
      }
      Double withTrouble = troubled == 0 ? null : (double) troubledDone / troubled;
      Double without = calm == 0 ? null : (double) calmDone / calm;
      Double impact = withTrouble == null || without == null ? null : without - withTrouble;
      double score = impact == null ? 0 : lost * Math.max(impact, 0);
      out.add(new Step(i, journey.step(i).id(), faced.size(), lost, median, troubled, withTrouble, without, impact,
          score));
    }
    out.sort(Comparator.comparingDouble(Step::score).reversed().thenComparing(Comparator.comparingLong(Step::lost)
        .reversed()).thenComparingInt(Step::index));
    return out;
  }
}
