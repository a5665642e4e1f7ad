package io.uxlens.journey;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import io.uxlens.model.Attempt;
import io.uxlens.model.Outcome;
import io.uxlens.model.SketchQuantiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mergeable KPI state for a set of attempts: outcome counts, attempts reaching each step, and DDSketches of time on
 * task and of each step's latency. Rollup rows store it serialized; queries merge rows bucket by bucket.
 *
 * <p>Percentiles come from DDSketch with {@value #RELATIVE_ACCURACY} relative accuracy: a reported quantile q is
 * within 1% of the true value of the sample at rank floor(q * (n - 1)) (the "lower" definition).
 */
public final class KpiAccumulator {
  public static final double RELATIVE_ACCURACY = 0.01;
  private static final int FORMAT = 1;
  /** One mapping for every sketch, so stored sketches always merge. */
  private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

  long attempts;
  long completed;
  long abandoned;
  long inProgress;
  long finishedWithError;
  final long[] reached;
  /** Sketches are created on first use: most rollup rows hold few attempts, and empty sketches cost time. */
  DDSketch timeOnTask;
  final DDSketch[] stepLatency;
  /** Kept in the unsplit rows only (null elsewhere): what the correlation tables read. */
  CorrelationState correlation;

  public KpiAccumulator(int steps) {
    reached = new long[steps];
    stepLatency = new DDSketch[steps];
  }

  static DDSketch sketch() {
    return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
  }

  public void add(Attempt a) {
    addCounts(a);
    if (a.outcome() == Outcome.COMPLETED) {
      timeOnTask = accept(timeOnTask, a.timeOnTaskSeconds());
    }
    for (int i = 1; i <= Math.min(a.lastStepIndex(), reached.length - 1); i++) {
      stepLatency[i] = accept(stepLatency[i], Math.max(0, a.stepLatencySeconds(i)));
    }
  }

  /**
   * Counts the attempt (attempts, outcomes, errors, steps reached) without its time on task and step latencies: the
   * rows of the drivers' own dimensions ({@link io.uxlens.model.AttemptSegments}), which are read for counts only.
   */
  public void addCounts(Attempt a) {
    attempts++;
    switch (a.outcome()) {
      case COMPLETED -> completed++;
      case ABANDONED -> abandoned++;
      case IN_PROGRESS -> inProgress++;
    }
    if (a.outcome().finished() && a.errorCount() > 0) {
      finishedWithError++;
    }
    for (int i = 0; i <= Math.min(a.lastStepIndex(), reached.length - 1); i++) {
      reached[i]++;
    }
  }

  /**
   * The counts a rollup row keeps in its own columns, without its state: attempts, outcomes and errors; no steps
   * reached and no sketches (what the attempts and rate series read).
   */
  static KpiAccumulator ofCounts(int steps, long attempts, long completed, long abandoned, long errored) {
    KpiAccumulator acc = new KpiAccumulator(steps);
    acc.attempts = attempts;
    acc.completed = completed;
    acc.abandoned = abandoned;
    acc.inProgress = attempts - completed - abandoned;
    acc.finishedWithError = errored;
    return acc;
  }

  /** Finished attempts that saw an error. */
  public long finishedWithError() {
    return finishedWithError;
  }

  /** Adds the attempt's correlation facts too (unsplit rows). */
  public void addWithCorrelation(Attempt a, JourneyDefinition journey) {
    add(a);
    if (correlation == null) {
      correlation = new CorrelationState(reached.length);
    }
    correlation.add(a, journey);
  }

  /** The correlation state, or null when this row does not keep one. */
  public CorrelationState correlation() {
    return correlation;
  }

  public void merge(KpiAccumulator o) {
    attempts += o.attempts;
    completed += o.completed;
    abandoned += o.abandoned;
    inProgress += o.inProgress;
    finishedWithError += o.finishedWithError;
    timeOnTask = merge(timeOnTask, o.timeOnTask);
    for (int i = 0; i < Math.min(reached.length, o.reached.length); i++) {
      reached[i] += o.reached[i];
      stepLatency[i] = merge(stepLatency[i], o.stepLatency[i]);
    }
    if (o.correlation != null) {
      if (correlation == null) {
        correlation = new CorrelationState(reached.length);
      }
      correlation.merge(o.correlation);
    }
  }

  private static DDSketch accept(DDSketch s, double value) {
    DDSketch target = s == null ? sketch() : s;
    target.accept(value);
    return target;
  }

  static DDSketch merge(DDSketch into, DDSketch other) {
    if (other == null) {
      return into;
    }
    DDSketch target = into == null ? sketch() : into;
    target.mergeWith(other);
    return target;
  }

  public long attempts() {
    return attempts;
  }

  public long completed() {
    return completed;
  }

  public long abandoned() {
    return abandoned;
  }

  public byte[] toBytes() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(attempts);
      out.writeLong(completed);
      out.writeLong(abandoned);
      out.writeLong(inProgress);
      out.writeLong(finishedWithError);
      out.writeInt(reached.length);
      for (long r : reached) {
        out.writeLong(r);
      }
      writeSketch(out, timeOnTask);
      for (DDSketch s : stepLatency) {
        writeSketch(out, s);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How much of a stored state to decode: each level reads everything before it too. TIME_ON_TASK stops before the
   * steps' latency sketches (a journey has several), which the time on task series never shows.
   */
  /**
   * How much of a stored state {@link #mergeStored} decodes: counts; counts and time on task; counts and the steps'
   * latencies (the step latency panels, which never show time on task); every KPI quantile; with correlation too.
   */
  public enum Detail { COUNTS, TIME_ON_TASK, STEP_LATENCY, QUANTILES, CORRELATION }

  /** The correlation state's own bytes, or null when this accumulator keeps none. */
  public byte[] correlationBytes() {
    return correlation == null ? null : correlation.toBytes();
  }

  /**
   * Adds a stored state ({@link #toBytes}) up to {@code detail}: counts only (the sketches cost most of the
   * decoding), with time on task, with the steps' latencies, with every KPI quantile, or with the correlation state
   * too (stored apart, null in rows without one). Each stored sketch is decoded straight into this accumulator's: a composed week reads hundreds
   * of rows, and building a sketch per stored sketch only to merge it (growing its bins from empty each time) was
   * most of the cost. Steps beyond this journey's (a definition since shortened) are skipped.
   */
  public void mergeStored(byte[] data, byte[] correlationData, Detail detail) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readByte() != FORMAT) {
        throw new IllegalStateException("unknown rollup state format");
      }
      attempts += in.readLong();
      completed += in.readLong();
      abandoned += in.readLong();
      inProgress += in.readLong();
      finishedWithError += in.readLong();
      int steps = in.readInt();
      for (int i = 0; i < steps; i++) {
        long r = in.readLong();
        if (i < reached.length) {
          reached[i] += r;
        }
      }
      if (detail == Detail.COUNTS) {
        return;
      }
      if (detail == Detail.STEP_LATENCY) {
        skipSketch(in);
      } else {
        timeOnTask = mergeSketch(in, timeOnTask);
      }
      if (detail == Detail.TIME_ON_TASK) {
        return;
      }
      for (int i = 0; i < steps; i++) {
        if (i < stepLatency.length) {
          stepLatency[i] = mergeSketch(in, stepLatency[i]);
        } else {
          skipSketch(in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (detail == Detail.CORRELATION && correlationData != null) {
      if (correlation == null) {
        correlation = new CorrelationState(reached.length);
      }
      correlation.mergeStored(correlationData);
    }
  }

  /** The next stored sketch added to {@code into} (created when null and the stored one is not empty). */
  static DDSketch mergeSketch(DataInputStream in, DDSketch into) throws IOException {
    byte[] arr = new byte[in.readInt()];
    if (arr.length == 0) {
      return into;
    }
    in.readFully(arr);
    DDSketch target = into == null ? sketch() : into;
    target.decodeAndMergeWith(ByteArrayInput.wrap(arr));
    return target;
  }

  /** Passes over the next stored sketch. */
  static void skipSketch(DataInputStream in) throws IOException {
    in.readFully(new byte[in.readInt()]);
  }

  static void writeSketch(DataOutputStream out, DDSketch s) throws IOException {
    if (s == null || s.isEmpty()) {
      out.writeInt(0);
      return;
    }
    GrowingByteArrayOutput o = GrowingByteArrayOutput.withDefaultInitialCapacity();
    s.encode(o, false);
    byte[] arr = o.trimmedCopy();
    out.writeInt(arr.length);
    out.write(arr);
  }

  static Double quantile(DDSketch s, double q) {
    return s == null || s.isEmpty() ? null : s.getValueAtQuantile(q);
  }

  /** Several quantiles of one sketch, as {@link #quantile} gives each, in one walk; nulls when null or empty. */
  static Double[] quantiles(DDSketch s, double... qs) {
    Double[] out = new Double[qs.length];
    if (s != null && !s.isEmpty()) {
      double[] values = SketchQuantiles.of(s, qs);
      for (int i = 0; i < qs.length; i++) {
        out[i] = values[i];
      }
    }
    return out;
  }
}
