package io.uxlens.journey;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Mergeable state behind the correlation tables, kept in the unsplit rollup rows beside their {@link KpiAccumulator}
 * state (a column of its own, so KPI reads never fetch it), so
 * that a table over a week reads buckets, not attempts. Over finished attempts only:
 * <ul>
 *   <li>the mean span latency (ms) of attempts with spans, by outcome (completed or not): completion by latency band;</li>
 *   <li>for each step i >= 1 and each attempt that faced it (reached step i-1), the seconds it waited for step i
 *       (to step i when reached, else until it was last seen: {@link Attempt#seenUntil()}), by category: whether an
 *       error happened at step i-1, and whether it was lost at step i, reached it and completed, or reached it and
 *       did not complete ({@link #category}). The bottleneck ranking needs exactly these counts and waits.</li>
 * </ul>
 * All values sit in DDSketches with {@link KpiAccumulator#RELATIVE_ACCURACY} relative accuracy.
 */
public final class CorrelationState {
  /** Categories of a faced step: error at the step before (0 or 3) plus lost (0), completed (1) or neither (2). */
  public static final int CATEGORIES = 6;
  public static final int LOST = 0;
  public static final int REACHED_COMPLETED = 1;
  public static final int REACHED_OTHER = 2;
  public static final int ERRORED = 3;

  final DDSketch[] latency = new DDSketch[2];
  final DDSketch[][] waits;

  public CorrelationState(int steps) {
    waits = new DDSketch[steps][CATEGORIES];
  }

  /** The category of an attempt that faced step i: {@code (errored ? ERRORED : 0) + LOST | REACHED_*}. */
  public static int category(boolean errored, boolean lost, boolean completed) {
    return (errored ? ERRORED : 0) + (lost ? LOST : completed ? REACHED_COMPLETED : REACHED_OTHER);
  }

  public void add(Attempt a, JourneyDefinition journey) {
    if (!a.outcome().finished()) {
      return;
    }
    boolean completed = a.outcome() == Outcome.COMPLETED;
    Double meanLatency = a.performance().meanLatencyMs();
    if (meanLatency != null) {
      int side = completed ? 1 : 0;
      latency[side] = accept(latency[side], meanLatency);
    }
    int last = Math.min(a.lastStepIndex() + 1, waits.length - 1);
    for (int i = 1; i <= last; i++) {
      boolean lost = a.lastStepIndex() < i;
      boolean errored = a.errorSteps().contains(journey.step(i - 1).id());
      double wait = lost ? (a.seenUntil() - a.stepTimes().get(i - 1)) / 1000.0 : a.stepLatencySeconds(i);
      int c = category(errored, lost, completed);
      waits[i][c] = accept(waits[i][c], wait);
    }
  }

  public void merge(CorrelationState o) {
    for (int s = 0; s < 2; s++) {
      latency[s] = KpiAccumulator.merge(latency[s], o.latency[s]);
    }
    for (int i = 0; i < Math.min(waits.length, o.waits.length); i++) {
      for (int c = 0; c < CATEGORIES; c++) {
        waits[i][c] = KpiAccumulator.merge(waits[i][c], o.waits[i][c]);
      }
    }
  }

  /** Mean span latencies of finished attempts, completed or not; null when none. */
  public DDSketch latency(boolean completed) {
    return latency[completed ? 1 : 0];
  }

  /** Waits for step i of the attempts in category c; null when none. */
  public DDSketch waits(int step, int category) {
    return waits[step][category];
  }

  /** Finished attempts that faced the second step, i.e. every finished attempt (0 for one-step journeys). */
  public long finished() {
    long n = 0;
    for (int c = 0; waits.length > 1 && c < CATEGORIES; c++) {
      n += waits[1][c] == null ? 0 : Math.round(waits[1][c].getCount());
    }
    return n;
  }

  public int steps() {
    return waits.length;
  }

  private static DDSketch accept(DDSketch s, double value) {
    DDSketch target = s == null ? KpiAccumulator.sketch() : s;
    target.accept(value);
    return target;
  }

  byte[] toBytes() {
    try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
         DataOutputStream out = new DataOutputStream(bytes)) {
      write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Adds a stored state ({@link #toBytes}), decoding its sketches straight into these. */
  void mergeStored(byte[] data) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
      latency[0] = KpiAccumulator.mergeSketch(in, latency[0]);
      latency[1] = KpiAccumulator.mergeSketch(in, latency[1]);
      int steps = in.readInt();
      for (int i = 0; i < steps; i++) {
        for (int c = 0; c < CATEGORIES; c++) {
          if (i < waits.length) {
            waits[i][c] = KpiAccumulator.mergeSketch(in, waits[i][c]);
          } else {
            KpiAccumulator.skipSketch(in);
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void write(DataOutputStream out) throws IOException {
    KpiAccumulator.writeSketch(out, latency[0]);
    KpiAccumulator.writeSketch(out, latency[1]);
    out.writeInt(waits.length);
    for (DDSketch[] step : waits) {
      for (DDSketch s : step) {
        KpiAccumulator.writeSketch(out, s);
      }
    }
  }
}
