package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

  /** The n top pain points of a sprint with the shipped feedback lexicon; items may span any time range. */
  public static List<PainPoint> top(List<Feedback> items, Sprint sprint, int n) {
    return new PainPoints(Vader.feedback(), DEFAULT_MIN_MENTIONS).rank(items, sprint, n);
  }

  public List<PainPoint> rank(List<Feedback> items, Sprint sprint, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0");
    }
    Sprint previous = sprint.previous();
    List<Doc> current = new ArrayList<>();
    List<Doc> before = new ArrayList<>();
    for (Feedback f : items) {
      boolean now = sprint.contains(f.timestamp());
      if ((now || previous.contains(f.timestamp())) && f.text() != null && !f.text().isBlank()) {
        double s = f.sentiment() != null ? f.sentiment() : vader.compound(f.text());
        if (negative(f, s)) {
          (now ? current : before).add(new Doc(f, s, PhraseExtractor.phrases(f.text())));
        }
      }
    }
    if (current.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> mentions = mentions(current);
    Map<String, Integer> previousMentions = mentions(before);
    // the documents naming each phrase, in document order: a theme's draft reads only its own mentions
    Map<String, List<Doc>> byKey = new HashMap<>();
    for (Doc d : current) {
      for (String key : d.phrases.keySet()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
      }
    }
    List<Draft> drafts = new ArrayList<>();
    for (String key : themes(mentions, current)) {
      drafts.add(draft(key, byKey.get(key), current.size(), previousMentions.getOrDefault(key, 0)));
    }
    drafts.sort(Comparator.comparingDouble((Draft d) -> d.point.rank()).reversed()
        .thenComparing(Comparator.comparingInt((Draft d) -> d.point.mentions()).reversed())
        .thenComparing(d -> d.point.theme()));
    return List.copyOf(withOwnQuotes(drafts, n));
  }

  /**
   * In rank order: a theme whose mentions are at least {@link #CONTAINMENT} texts a higher theme already counted is a
   * facet of it ("bought elsewhere" inside "payment declined again, I bought elsewhere") and is left out; the others
   * quote their most negative text that no higher theme quotes (none left: left out too).
   */
  private static List<PainPoint> withOwnQuotes(List<Draft> drafts, int n) {
    Set<String> quoted = new HashSet<>();
    Set<String> counted = new HashSet<>();
    List<PainPoint> out = new ArrayList<>();
    for (Draft d : drafts) {
      if (out.size() == n) {
        break;
      }
      long seen = d.docIds.stream().filter(counted::contains).count();
      String quote = d.quotes.stream().filter(q -> !quoted.contains(q)).findFirst().orElse(null);
      if (seen >= CONTAINMENT * d.docIds.size() || quote == null) {
        continue;
      }
      quoted.add(quote);
      counted.addAll(d.docIds);
      PainPoint p = d.point;
      out.add(new PainPoint(p.theme(), p.key(), p.mentions(), p.share(), p.meanSentiment(), p.rank(),
          p.previousMentions(), p.journeys(), quote));
    }
    return out;
  }

  /**
   * False only for items {@link #rank} is sure to skip: no text, or a stored sentiment and score that make it no
   * complaint. Lets callers skip preparing (masking) the rest.
   */
  public static boolean mayComplain(Feedback f) {
    return f.text() != null && !f.text().isBlank() && (f.sentiment() == null || negative(f, f.sentiment()));
  }

  static boolean negative(Feedback f, double sentiment) {
    if ("ticket".equals(f.kind()) || sentiment < NEGATIVE_SENTIMENT) {
      return true;
    }
    Double score = f.score();
    if (score == null) {
      return false;
    }
    return switch (f.kind()) {
      case Scores.NPS -> score <= 6;
      case Scores.CSAT -> score <= 2;
      case Scores.CES -> score <= 3;
      default -> false;
    };
  }

  /** Number of documents mentioning each phrase key. */
  private static Map<String, Integer> mentions(List<Doc> docs) {
    Map<String, Integer> df = new HashMap<>();
    for (Doc d : docs) {
      for (String key : d.phrases.keySet()) {
        df.merge(key, 1, Integer::sum);
      }
    }
    return df;
  }

  /** Phrase keys that survive the mention threshold, the feeling-word filter and containment merging. */
  private List<String> themes(Map<String, Integer> df, List<Doc> docs) {
    Map<String, Set<String>> candidates = new LinkedHashMap<>();
    for (Doc d : docs) {
      for (PhraseExtractor.Phrase p : d.phrases.values()) {
        if (df.get(p.key()) >= minMentions && !candidates.containsKey(p.key()) && !feelingOnly(p)) {
          candidates.put(p.key(), new TreeSet<>(Arrays.asList(p.key().split(" "))));
        }
      }
    }
    // a phrase yields to a longer phrase that explains enough of its mentions
    Set<String> kept = new HashSet<>();
    for (var c : candidates.entrySet()) {
      boolean absorbed = false;
      for (var longer : candidates.entrySet()) {
        double share = c.getValue().size() == 1 ? WORD_CONTAINMENT : CONTAINMENT;
        if (strictSubset(c.getValue(), longer.getValue())
            && df.get(longer.getKey()) >= share * df.get(c.getKey())) {
          absorbed = true;
          break;
        }
      }
      if (!absorbed) {
        kept.add(c.getKey());
      }
    }
    // what still contains a kept shorter phrase is a rarer variant of it
    List<String> themes = new ArrayList<>();
    for (String key : candidates.keySet()) {
      if (!kept.contains(key)) {
        continue;
      }
      boolean variant = false;
      for (String shorter : kept) {
        if (strictSubset(candidates.get(shorter), candidates.get(key))) {
          variant = true;
          break;
        }
      }
      if (!variant) {
        themes.add(key);
      }
    }
    return themes;
  }

  /** A single word that only says how the user felt ("terrible", "hate") names no theme. */
  private boolean feelingOnly(PhraseExtractor.Phrase p) {
    return p.words() == 1 && vaderKnows(p.surface());
  }

  private boolean vaderKnows(String word) {
    return vader.lexicon().contains(word);
  }

  private static boolean strictSubset(Set<String> a, Set<String> b) {
    return a.size() < b.size() && b.containsAll(a);
  }

  /** @param docs the documents naming {@code key}, in document order; {@code all}: every document of the sprint */
  private static Draft draft(String key, List<Doc> docs, int all, int previous) {
    Map<String, Integer> verbatim = new LinkedHashMap<>();
    Map<String, Integer> spans = new LinkedHashMap<>();
    TreeSet<String> journeys = new TreeSet<>();
    List<Doc> mentioning = new ArrayList<>();
    double sum = 0;
    for (Doc d : docs) {
      PhraseExtractor.Phrase p = d.phrases.get(key);
      if (p == null) {
        continue;
      }
      mentioning.add(d);
      sum += d.sentiment;
      (p.verbatim() ? verbatim : spans).merge(p.surface(), 1, Integer::sum);
      if (d.feedback.journey() != null) {
        journeys.add(d.feedback.journey());
      }
    }
    // label: the wording users used most, preferring phrases written as is ("slow import") over spans that
    // had stop words inside ("import is so slow")
    String label = (verbatim.isEmpty() ? spans : verbatim).entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()).orElseThrow().getKey();
    int n = mentioning.size();
    double mean = sum / n;
    double negativity = (1 - mean) / 2;
    // quote candidates, most negative first (stable: first seen wins a tie)
    List<String> quotes = mentioning.stream().sorted(Comparator.comparingDouble(Doc::sentiment))
        .map(d -> d.feedback.text()).distinct().toList();
    return new Draft(new PainPoint(label, key, n, (double) n / all, mean, n * negativity, previous,
        new ArrayList<>(journeys), quotes.get(0)), quotes, mentioning.stream().map(d -> d.feedback.id()).toList());
  }

  /** A ranked theme before quotes are shared out: its point, its quote candidates and the items it counted. */
  private record Draft(PainPoint point, List<String> quotes, List<String> docIds) {}

  private record Doc(Feedback feedback, double sentiment, Map<String, PhraseExtractor.Phrase> phrases) {}
}
