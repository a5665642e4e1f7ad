package io.uxlens.experiment;

/**
 * One row of an experiment's results table, ready to serialise (a record: Jackson writes it as-is). Numbers that
 * do not apply are null, never NaN: the control row has no lift, a variant without data has no statistics.
 * Lifts are variant - control (absolute, in the metric's unit) and variant / control - 1 (relative); the interval
 * fields are 95% (or 1 - alpha) intervals. {@code value} is the metric: a rate, or mean seconds.
 * {@code direction} is "better" or "worse" by the metric's sense (lower abandonment is better) when the adjusted
 * p-value is significant, else null. {@code unitsNeeded}: more exposed units needed, in whichever of this variant
 * and control is further short, to reach the sample size for the declared minimum detectable effect at the
 * configured power (null without an MDE or a usable baseline). {@code note} explains missing statistics.
 */
public record VariantResult(
    String variant,
    boolean control,
    double weight,
    long units,
    long attempts,
    long finished,
    Long successes,
    Double value,
    Double completionRate,
    Double abandonmentRate,
    Double errorRate,
    Double meanTime,
    Double p50Time,
    Double liftAbsolute,
    Double ciLow,
    Double ciHigh,
    Double liftRelative,
    Double relativeCiLow,
    Double relativeCiHigh,
    Double pValue,
    Double adjustedPValue,
    Double alwaysValidPValue,
    Boolean significant,
    Boolean significantAlwaysValid,
    String direction,
    boolean srm,
    Double sampleSizePerArm,
    Long unitsNeeded,
    String note) {
}
