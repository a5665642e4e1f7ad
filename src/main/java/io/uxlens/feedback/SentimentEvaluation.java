package io.uxlens.feedback;

import java.util.List;

/**
 * Accuracy of the sentiment scorer on sentences labelled positive (1) or negative (0) by people. A compound at or
 * above {@link Vader#POSITIVE_THRESHOLD} predicts positive, anything else negative (VADER's neutral band counts
 * as "not positive", and how often it fired is reported). The majority-class guess is the baseline to beat.
 */
public record SentimentEvaluation(
    int total, int positives, int truePositives, int falsePositives, int trueNegatives, int falseNegatives,
    int neutral) {

  /** A sentence with its human label. */
  public record Labelled(String text, boolean positive) {
    public Labelled {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("labelled text must not be blank");
      }
    }
  }

  public SentimentEvaluation {
    if (truePositives + falsePositives + trueNegatives + falseNegatives != total
        || truePositives + falseNegatives != positives) {
      throw new IllegalArgumentException("confusion counts do not add up");
    }
  }

  public static SentimentEvaluation evaluate(List<Labelled> items, Vader vader) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    int neutral = 0;
    int positives = 0;
    for (Labelled item : items) {
      double c = vader.compound(item.text());
      int polarity = Vader.polarity(c);
      if (polarity == 0) {
        neutral++;
      }
      boolean predicted = polarity > 0;
      positives += item.positive() ? 1 : 0;
      if (predicted && item.positive()) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (item.positive()) {
        fn++;
      } else {
        tn++;
      }
    }
    return new SentimentEvaluation(items.size(), positives, tp, fp, tn, fn, neutral);
  }

  public double accuracy() {
    return ratio(truePositives + trueNegatives, total);
  }

  /** Accuracy of always answering the more frequent label. */
  public double majorityBaseline() {
    return ratio(Math.max(positives, total - positives), total);
  }

  public double positivePrecision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  public double positiveRecall() {
    return ratio(truePositives, positives);
  }

  public double negativePrecision() {
    return ratio(trueNegatives, trueNegatives + falseNegatives);
  }

  public double negativeRecall() {
    return ratio(trueNegatives, total - positives);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
