package io.uxlens.experiment;

/**
 * What one variant's exposed units did in the experiment's journey after exposure. {@code units}: exposed units
 * assigned to this variant (first exposure wins). {@code attempts}: all attempts, including those in progress;
 * {@code completed} and {@code abandoned} are the finished ones; {@code errored}: finished attempts with at least
 * one error. {@code time}: time on task of completed attempts (null when none).
 *
 * <p>The rate tests treat finished attempts as independent trials. That is exact when each unit contributes one
 * attempt (e.g. the engine passes each unit's first attempt after exposure) and approximate otherwise.
 */
public record VariantData(long units, long attempts, long completed, long abandoned, long errored, TimeStats time) {
  public VariantData {
    if (units < 0 || attempts < 0 || completed < 0 || abandoned < 0 || errored < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (completed + abandoned > attempts) {
      throw new IllegalArgumentException("completed + abandoned (" + (completed + abandoned)
          + ") cannot exceed attempts (" + attempts + ")");
    }
    if (errored > completed + abandoned) {
      throw new IllegalArgumentException("errored attempts are finished attempts: at most " + (completed + abandoned));
    }
    if (time != null && time.count() > completed) {
      throw new IllegalArgumentException("time on task comes from completed attempts: at most " + completed);
    }
  }

  /** Units exposed but no journey data yet. */
  public static VariantData exposedOnly(long units) {
    return new VariantData(units, 0, 0, 0, 0, null);
  }

  public long finished() {
    return completed + abandoned;
  }

  /** The numerator of a rate metric over finished attempts. */
  public long count(ExperimentKpi metric) {
    return switch (metric) {
      case COMPLETION_RATE -> completed;
      case ABANDONMENT_RATE -> abandoned;
      case ERROR_RATE -> errored;
      case TIME_ON_TASK -> throw new IllegalArgumentException("time on task is a mean, not a count");
    };
  }

  /** The number of observations a metric is measured on: finished attempts, or timed completed attempts. */
  public long observations(ExperimentKpi metric) {
    return metric.isRate() ? finished() : time == null ? 0 : time.count();
  }

  /** The metric's value, or null when there is nothing to measure it on. */
  public Double value(ExperimentKpi metric) {
    if (metric.isRate()) {
      return finished() == 0 ? null : (double) count(metric) / finished();
    }
    return time == null ? null : time.mean();
  }

  /** Enough data to compare: a finished attempt for rates, two timed attempts for a mean. */
  public boolean comparable(ExperimentKpi metric) {
    return observations(metric) >= (metric.isRate() ? 1 : 2);
  }
}
