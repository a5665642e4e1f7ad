package io.uxlens.experiment;

import java.util.List;

/**
 * The analysis of one experiment. {@code status} is "ok", or "insufficient_data" when fewer than two variants
 * (control included) have data, with {@code message} saying so in words the table can show. SRM fields are null
 * when fewer than two weighted variants have exposed units. {@code unexpectedVariants}: variants seen in the data
 * but not in the definition (left out of the analysis). {@code tau2}: the mSPRT mixing variance used.
 */
public record ExperimentResult(
    String experiment,
    String journey,
    String metric,
    String control,
    boolean discovered,
    String status,
    String message,
    double alpha,
    Double tau2,
    Double srmChiSquare,
    Double srmPValue,
    boolean srm,
    List<String> unexpectedVariants,
    List<VariantResult> rows) {

  public static final String OK = "ok";
  public static final String INSUFFICIENT_DATA = "insufficient_data";

  public ExperimentResult {
    unexpectedVariants = List.copyOf(unexpectedVariants);
    rows = List.copyOf(rows);
  }
}
