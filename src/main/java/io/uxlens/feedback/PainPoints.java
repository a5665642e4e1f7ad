package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Top pain points of a sprint: phrases from negative feedback and support tickets, merged when they share their
 * stems or one contains the other, ranked by mentions x negativity.
 *
 * <p>Complaints count whatever their wording: a support ticket, a low score (NPS 0-6, CSAT 1-2, CES 1-3 on this
 * project's 7 = very easy scale) or a sentiment below {@link #NEGATIVE_SENTIMENT} (VADER plus the product lexicon,
 * so "it took forever" counts). Only items with text can name a theme. No two themes share their quote.
 */
public final class PainPoints {
  public static final double NEGATIVE_SENTIMENT = -0.05;
  /** Support tickets count as complaints whatever their wording. */
  public static final String TICKET = "ticket";
  /** The highest score of each kind that makes an item a complaint: NPS detractors, CSAT 1-2, CES 1-3. */
  public static final Map<String, Double> LOW_SCORES = Map.of(Scores.NPS, 6.0, Scores.CSAT, 2.0, Scores.CES, 3.0);
  /** A phrase must be mentioned by at least this many items to be a theme. */
  public static final int DEFAULT_MIN_MENTIONS = 2;
  /**
   * A longer phrase replaces a shorter one it contains when it accounts for at least this share of the shorter
   * one's mentions ("slow import" over "import"); otherwise the longer one is a rarer variant and is dropped.
   */
  static final double CONTAINMENT = 0.75;
  /**
   * A single word yields already at this share: a lone noun ("import") names what users worked on, the phrase
   * around it ("slow import") names the problem, so half its mentions are enough to prefer the phrase.
   */
  static final double WORD_CONTAINMENT = 0.5;

  private final Vader vader;
  private final int minMentions;

  public PainPoints(Vader vader, int minMentions) {
    this.vader = Objects.requireNonNull(vader, "vader");
    if (minMentions < 1) {
      throw new IllegalArgumentException("minMentions must be >= 1");
    }
    this.minMentions = minMentions;
  }

  /** The scorer the rule uses for items stored without a sentiment and to tell feeling words. */
  public Vader vader() {
    return vader;
  }

  /** The n top pain points of a sprint with the shipped feedback lexicon; items may span any time range. */
  public static List<PainPoint> top(List<Feedback> items, Sprint sprint, int n) {
    return new PainPoints(Vader.feedback(), DEFAULT_MIN_MENTIONS).rank(items, sprint, n);
  }

  public List<PainPoint> rank(List<Feedback> items, Sprint sprint, int n) {
    return rank(complaints(items, sprint), n);
  }

  /** The complaints of {@code sprint} and the sprint before among {@code items}, phrases extracted now. */
  public Complaints complaints(List<Feedback> items, Sprint sprint) {
    return new ItemComplaints(items, sprint, this);
  }

  /** The n top pain points of a sprint's complaints. */
  public List<PainPoint> rank(Complaints complaints, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0");
    }
    if (complaints.documents() == 0) {
      return List.of();
    }
    Map<String, Complaints.Tally> byKey = complaints.tallies();
    // themes in rank order (mentions x negativity, then mentions); only those the table reaches get a full draft
    List<String> order = new ArrayList<>(themes(byKey));
    Comparator<String> byRankThenMentions = Comparator.comparingDouble((String k) -> byKey.get(k).rank()).reversed()
        .thenComparing(Comparator.comparingInt((String k) -> byKey.get(k).mentions()).reversed());
    order.sort(byRankThenMentions);
    Set<String> quoted = new HashSet<>();
    Set<Long> counted = new HashSet<>();
    List<PainPoint> out = new ArrayList<>();
    for (int i = 0; i < order.size() && out.size() < n; ) {
      // themes tied on rank and mentions are ordered by their label, which only a draft knows
      int j = i + 1;
      while (j < order.size() && byRankThenMentions.compare(order.get(i), order.get(j)) == 0) {
        j++;
      }
      List<Draft> tied = new ArrayList<>();
      for (String key : order.subList(i, j)) {
        tied.add(draft(key, complaints.mentions(key), complaints.documents(), complaints.previousMentions(key)));
      }
      tied.sort(Comparator.comparing(d -> d.point.theme()));
      withOwnQuotes(tied, n, quoted, counted, out);
      i = j;
    }
    return List.copyOf(out);
  }

  /**
   * The sentiment a complaint counts with (the stored one, else its text scored now), or null when the item is none:
   * no text, or neither a ticket, a low score nor a negative sentiment.
   */
  Double complaintSentiment(Feedback f) {
    if (f.text() == null || f.text().isBlank()) {
      return null;
    }
    double s = f.sentiment() != null ? f.sentiment() : vader.compound(f.text());
    return negative(f, s) ? s : null;
  }

  /** False for a single word that only says how the user felt ("terrible", "hate"): it names no theme. */
  boolean worded(PhraseExtractor.Phrase p) {
    return p.words() != 1 || !vader.lexicon().contains(p.surface());
  }

  /**
   * In rank order: a theme whose mentions are at least {@link #CONTAINMENT} texts a higher theme already counted is a
   * facet of it ("bought elsewhere" inside "payment declined again, I bought elsewhere") and is left out; the others
   * quote their most negative text that no higher theme quotes (none left: left out too). {@code quoted} and
   * {@code counted} carry what higher themes took; adds to {@code out} until it holds n.
   */
  private static void withOwnQuotes(List<Draft> drafts, int n, Set<String> quoted, Set<Long> counted,
                                    List<PainPoint> out) {
    for (Draft d : drafts) {
      if (out.size() == n) {
        break;
      }
      long seen = 0;
      for (Complaints.Mention m : d.mentioning) {
        seen += counted.contains(m.id()) ? 1 : 0;
      }
      if (seen >= CONTAINMENT * d.mentioning.size()) {
        continue;
      }
      String quote = d.quote(quoted);
      if (quote == null) {
        continue;
      }
      quoted.add(quote);
      d.mentioning.forEach(m -> counted.add(m.id()));
      PainPoint p = d.point;
      out.add(new PainPoint(p.theme(), p.key(), p.mentions(), p.share(), p.meanSentiment(), p.rank(),
          p.previousMentions(), p.journeys(), quote));
    }
  }

  /**
   * False only for items {@link #rank} is sure to skip: no text, or a stored sentiment and score that make it no
   * complaint. Lets callers skip preparing (masking) the rest.
   */
  public static boolean mayComplain(Feedback f) {
    return f.text() != null && !f.text().isBlank() && (f.sentiment() == null || negative(f, f.sentiment()));
  }

  static boolean negative(Feedback f, double sentiment) {
    if (TICKET.equals(f.kind()) || sentiment < NEGATIVE_SENTIMENT) {
      return true;
    }
    Double score = f.score();
    Double low = LOW_SCORES.get(f.kind());
    return score != null && low != null && score <= low;
  }

  /**
   * Phrase keys that survive the mention threshold, the feeling-word filter and containment merging. Keys are sets
   * of at most {@value PhraseExtractor#MAX_WORDS} stems, sorted and space-joined, so the shorter phrases inside one
   * are its proper subsets, listed rather than searched for.
   */
  private Set<String> themes(Map<String, Complaints.Tally> byKey) {
    Set<String> candidates = new HashSet<>();
    byKey.forEach((key, m) -> {
      if (m.mentions() >= minMentions && m.worded() > 0) {
        candidates.add(key);
      }
    });
    // a phrase yields to a longer phrase that explains enough of its mentions
    Set<String> absorbed = new HashSet<>();
    for (String longer : candidates) {
      for (String shorter : properSubsets(longer)) {
        if (candidates.contains(shorter)) {
          double share = shorter.indexOf(' ') < 0 ? WORD_CONTAINMENT : CONTAINMENT;
          if (byKey.get(longer).mentions() >= share * byKey.get(shorter).mentions()) {
            absorbed.add(shorter);
          }
        }
      }
    }
    Set<String> kept = new HashSet<>(candidates);
    kept.removeAll(absorbed);
    // what still contains a kept shorter phrase is a rarer variant of it
    Set<String> themes = new HashSet<>();
    for (String key : kept) {
      if (properSubsets(key).stream().noneMatch(kept::contains)) {
        themes.add(key);
      }
    }
    return themes;
  }

  /** The keys of the non-empty proper subsets of a key's stems, each sorted and space-joined like a key. */
  static List<String> properSubsets(String key) {
    String[] stems = key.split(" ");
    List<String> out = new ArrayList<>();
    for (int mask = 1; mask < (1 << stems.length) - 1; mask++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < stems.length; i++) {
        if ((mask & (1 << i)) != 0) {
          sb.append(sb.length() == 0 ? "" : " ").append(stems[i]);
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** @param mentions the complaints naming {@code key}, in document order; {@code all}: the sprint's complaints */
  private static Draft draft(String key, List<Complaints.Mention> mentions, int all, int previous) {
    Map<String, Integer> verbatim = new LinkedHashMap<>();
    Map<String, Integer> spans = new LinkedHashMap<>();
    TreeSet<String> journeys = new TreeSet<>();
    ExactSum sum = new ExactSum();
    for (Complaints.Mention m : mentions) {
      sum.add(m.sentiment());
      (m.verbatim() ? verbatim : spans).merge(m.surface(), 1, Integer::sum);
      if (m.journey() != null) {
        journeys.add(m.journey());
      }
    }
    // label: the wording users used most, preferring phrases written as is ("slow import") over spans that
    // had stop words inside ("import is so slow")
    String label = (verbatim.isEmpty() ? spans : verbatim).entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()).orElseThrow().getKey();
    int n = mentions.size();
    double mean = sum.toDouble() / n;
    double negativity = (1 - mean) / 2;
    return new Draft(new PainPoint(label, key, n, (double) n / all, mean, n * negativity, previous,
        new ArrayList<>(journeys), label /* until withOwnQuotes picks a quote */), mentions);
  }

  /**
   * A ranked theme before quotes are shared out: its point (quote still open) and the complaints it counted, in
   * document order.
   */
  private record Draft(PainPoint point, List<Complaints.Mention> mentioning) {
    /**
     * Its most negative text that no higher theme quotes (the first such in document order on a tie), or null. Texts
     * are fetched only for the candidates: the most negative mention, then the next while a higher theme has it.
     */
    String quote(Set<String> quoted) {
      Set<Complaints.Mention> taken = Collections.newSetFromMap(new IdentityHashMap<>());
      while (true) {
        Complaints.Mention best = null;
        for (Complaints.Mention m : mentioning) {
          if ((best == null || Double.compare(m.sentiment(), best.sentiment()) < 0) && !taken.contains(m)) {
            best = m;
          }
        }
        if (best == null) {
          return null;
        }
        String text = best.text().get();
        if (!quoted.contains(text)) {
          return text;
        }
        taken.add(best);
      }
    }
  }
}
