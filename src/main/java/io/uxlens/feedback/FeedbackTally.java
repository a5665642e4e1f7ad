package io.uxlens.feedback;

/**
 * What the score metrics need of a set of feedback items, kept so that sets add up: items, items scored on their
 * kind's scale, the NPS promoters and detractors or the CSAT satisfied among them, the sum of CES scores, and the
 * sentiments (with an exact sum). The counts follow {@link Scores} item by item, so a tally of any split of the
 * items, added up, scores exactly as {@link Scores} does on the whole list.
 */
public final class FeedbackTally {
  private long items;
  private long scored;
  private long high;
  private long low;
  private double scoreSum;
  private long texts;
  private long sentiments;
  private final ExactSum sentimentSum = new ExactSum();

  /** One item: its kind, score (null when none) and sentiment (null without text). */
  public void add(String kind, Double score, Double sentiment) {
    items++;
    if (score != null) {
      double s = score;
      switch (kind) {
        case Scores.NPS -> {
          if (s >= 0 && s <= 10) {
            scored++;
            high += s >= 9 ? 1 : 0;
            low += s > 6 ? 0 : 1;
          }
        }
        case Scores.CSAT -> {
          if (s >= 1 && s <= 5) {
            scored++;
            high += s >= 4 ? 1 : 0;
          }
        }
        case Scores.CES -> {
          if (s >= 1 && s <= 7) {
            scored++;
            scoreSum += s;
          }
        }
        default -> { }
      }
    }
    if (sentiment != null) {
      texts++;
      if (Double.isFinite(sentiment)) {
        sentiments++;
        sentimentSum.add(sentiment);
      }
    }
  }

  /** Adds stored state (a rollup row); {@code sentimentSum} as {@link ExactSum#encode()} wrote it. */
  public void add(long items, long scored, long high, long low, double scoreSum, long texts, long sentiments,
      String sentimentSum) {
    this.items += items;
    this.scored += scored;
    this.high += high;
    this.low += low;
    this.scoreSum += scoreSum;
    this.texts += texts;
    this.sentiments += sentiments;
    this.sentimentSum.addEncoded(sentimentSum);
  }

  public void add(FeedbackTally other) {
    items += other.items;
    scored += other.scored;
    high += other.high;
    low += other.low;
    scoreSum += other.scoreSum;
    texts += other.texts;
    sentiments += other.sentiments;
    sentimentSum.add(other.sentimentSum);
  }

  public long items() {
    return items;
  }

  public long scored() {
    return scored;
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  public double scoreSum() {
    return scoreSum;
  }

  /** Items carrying a sentiment (feedback.sentiment's series exist where these are). */
  public long texts() {
    return texts;
  }

  public long sentiments() {
    return sentiments;
  }

  public String sentimentSumEncoded() {
    return sentimentSum.encode();
  }

  /** NPS of a tally of nps items. */
  public Nps nps() {
    return Nps.of(Math.toIntExact(high), Math.toIntExact(scored - high - low), Math.toIntExact(low));
  }

  /** CSAT of a tally of csat items. */
  public Csat csat() {
    return Csat.of(Math.toIntExact(high), Math.toIntExact(scored));
  }

  /** CES of a tally of ces items. */
  public Mean ces() {
    return Mean.of(scoreSum, Math.toIntExact(scored));
  }

  public Mean sentiment() {
    return Mean.of(sentimentSum.toDouble(), Math.toIntExact(sentiments));
  }
}
