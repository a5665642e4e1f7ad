package io.uxlens.experiment;

import java.time.LocalDate;

/**
 * Cumulative lift of one variant over control as of the end of {@code day}: the fixed-horizon interval
 * ({@code ciLow}/{@code ciHigh}, valid only for a single pre-planned look) and the always-valid interval and
 * p-value (running over the days so far, safe to watch daily). Relative fields are null on a zero baseline.
 */
public record LiftPoint(
    LocalDate day, String variant, long units, long controlUnits, double value, double controlValue,
    double liftAbsolute, double ciLow, double ciHigh,
    Double liftRelative, Double relativeCiLow, Double relativeCiHigh,
    double pValue, double alwaysValidPValue, double alwaysValidLow, double alwaysValidHigh) {
}
