package io.uxlens.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A sprint's complaints as {@link PainPoints} ranks them: how many there are, each phrase's tally, each phrase's
 * mentions in the sprint before, and the mentions behind one phrase, asked for only for the themes a table reaches.
 * {@link PainPoints#complaints} works them out from items; {@link StoredComplaints} reads what the complaint job
 * kept as feedback arrived. Both give the same answers, so the pain points are the same either way.
 */
public abstract class Complaints {
  /** Each phrase key of the sprint's complaints (never "") and its tally. */
  final Map<String, Tally> tallies = new HashMap<>();
  /** Each phrase key's complaints in the sprint before. */
  final Map<String, Integer> previous = new HashMap<>();
  /** Complaints with text in the sprint. */
  int documents;

  Complaints() {}

  /** Complaints with text in the sprint. */
  public final int documents() {
    return documents;
  }

  /** Each phrase key of the sprint's complaints (never "") and its tally. */
  public final Map<String, Tally> tallies() {
    return tallies;
  }

  /** Complaints of the sprint before naming {@code key}. */
  public final int previousMentions(String key) {
    return previous.getOrDefault(key, 0);
  }

  /** The sprint's complaints naming {@code key}, in document order (time, then arrival). */
  public abstract List<Mention> mentions(String key);

  /** A phrase's complaints in a sprint: how many, how many wrote it as a theme, their exact sentiment sum. */
  public static final class Tally {
    private int mentions;
    private int worded;
    private final ExactSum sentiments = new ExactSum();

    void add(double sentiment, boolean wordedMention) {
      mentions++;
      worded += wordedMention ? 1 : 0;
      sentiments.add(sentiment);
    }

    void add(Tally other) {
      mentions += other.mentions;
      worded += other.worded;
      sentiments.add(other.sentiments);
    }

    void addEncoded(long mentions, long worded, String sentimentSum) {
      this.mentions += Math.toIntExact(mentions);
      this.worded += Math.toIntExact(worded);
      sentiments.addEncoded(sentimentSum);
    }

    public int mentions() {
      return mentions;
    }

    /** Mentions not written as a lone feeling word ("terrible"): none, and the phrase names no theme. */
    public int worded() {
      return worded;
    }

    public double meanSentiment() {
      return sentiments.toDouble() / mentions;
    }

    /** Mentions x negativity, negativity = (1 - mean sentiment) / 2. */
    public double rank() {
      return mentions * ((1 - meanSentiment()) / 2);
    }
  }

  /**
   * One complaint naming a phrase: its identity among the sprint's complaints, sentiment, journey (null: none), the
   * phrase as written and whether verbatim, and its masked text, fetched when a quote needs it.
   */
  public record Mention(long id, double sentiment, String journey, String surface, boolean verbatim,
                 Supplier<String> text) {}
}
