package io.uxlens.correlate;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import io.uxlens.journey.CorrelationState;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The waits for one step of the attempts that faced it, by {@link CorrelationState#category}: what
 * {@link Bottlenecks} ranks on, read exactly from attempts or from the rollups' sketches.
 */
interface StepWaits {
  long count(int category);

  /** How many waits in the category exceed {@code threshold} seconds. */
  long countAbove(int category, double threshold);

  /** The wait at rank floor(q (n - 1)) of the attempts that reached the step; null when none did. */
  Double reachedQuantile(double q);

  int[] REACHED = {CorrelationState.REACHED_COMPLETED, CorrelationState.REACHED_OTHER,
      CorrelationState.ERRORED + CorrelationState.REACHED_COMPLETED,
      CorrelationState.ERRORED + CorrelationState.REACHED_OTHER};

  /** Exact: the finished attempts that faced step i, with waits from {@link StepWindows}. */
  static StepWaits of(JourneyDefinition journey, int i, List<Attempt> faced, StepWindows windows) {
    String previous = journey.step(i - 1).id();
    List<List<Double>> waits = new ArrayList<>();
    for (int c = 0; c < CorrelationState.CATEGORIES; c++) {
      waits.add(new ArrayList<>());
    }
    for (Attempt a : faced) {
      int c = CorrelationState.category(a.errorSteps().contains(previous), a.lastStepIndex() < i,
          a.outcome() == Outcome.COMPLETED);
      waits.get(c).add(windows.waitSeconds(a, i));
    }
    double[] reached = Arrays.stream(REACHED).boxed().flatMap(c -> waits.get(c).stream())
        .mapToDouble(Double::doubleValue).sorted().toArray();
    return new StepWaits() {
      @Override
      public long count(int category) {
        return waits.get(category).size();
      }

      @Override
      public long countAbove(int category, double threshold) {
        return waits.get(category).stream().filter(w -> w > threshold).count();
      }

      @Override
      public Double reachedQuantile(double q) {
        return Bottlenecks.lowerQuantile(reached, q);
      }
    };
  }

  /**
   * From sketches: a wait counts above the threshold when its bin's value does (within 1% of the true wait). Waits
   * are never negative (steps are reached in order; a lost attempt was last seen after its last step).
   */
  static StepWaits of(CorrelationState state, int i) {
    DDSketch merged = merge(state, i);
    return new StepWaits() {
      @Override
      public long count(int category) {
        DDSketch s = state.waits(i, category);
        return s == null ? 0 : Math.round(s.getCount());
      }

      @Override
      public long countAbove(int category, double threshold) {
        DDSketch s = state.waits(i, category);
        return s == null ? 0 : above(s, threshold);
      }

      @Override
      public Double reachedQuantile(double q) {
        return merged == null || merged.isEmpty() ? null : merged.getValueAtQuantile(q);
      }
    };
  }

  private static DDSketch merge(CorrelationState state, int i) {
    DDSketch merged = null;
    for (int c : REACHED) {
      DDSketch s = state.waits(i, c);
      if (s == null) {
        continue;
      }
      if (merged == null) {
        merged = s.copy();
      } else {
        merged.mergeWith(s);
      }
    }
    return merged;
  }

  private static long above(DDSketch s, double threshold) {
    IndexMapping mapping = s.getIndexMapping();
    double n = 0;
    for (Iterator<Bin> it = s.getPositiveValueStore().getDescendingIterator(); it.hasNext(); ) {
      Bin b = it.next();
      if (mapping.value(b.getIndex()) <= threshold) {
        break;
      }
      n += b.getCount();
    }
    return Math.round(n);
  }
}
