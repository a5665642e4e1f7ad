package io.uxlens.feedback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The word knowledge VADER needs: valences of the human-rated lexicon (resource feedback/vader_lexicon.txt, MIT,
 * see vader_LICENSE.txt), and the negation, degree-modifier and idiom lists the VADER paper describes.
 */
public final class VaderLexicon {
  static final String RESOURCE = "/feedback/vader_lexicon.txt";

  /** Empirical increment of a booster ("very") or decrement of a dampener ("kind of"), from the VADER paper. */
  static final double B_INCR = 0.293;
  static final double B_DECR = -0.293;

  static final Set<String> NEGATIONS = Set.of(
      "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
      "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
      "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
      "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh",
      "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont",
      "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

  static final Map<String, Double> BOOSTERS = boosters();

  /** Multi-word expressions whose valence replaces that of their last word. */
  static final Map<String, Double> IDIOMS = Map.of(
      "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
      "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0, "beating heart", 3.1, "broken heart", -2.9);

  private static final VaderLexicon DEFAULT = load();

  private final Map<String, Double> valences;
  /** Entries of several words, matched as one token ({@link #phraseWords()} words at most); none in VADER's own. */
  private final Set<String> phrases;
  private final int phraseWords;
  /** {@link #fingerprint()} once worked out (entries never change). */
  private volatile Long fingerprint;

  VaderLexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
    this.phrases = valences.keySet().stream().filter(k -> k.contains(" ")).collect(Collectors.toUnmodifiableSet());
    this.phraseWords = phrases.stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
  }

  /** This lexicon with the given entries added, or replacing the valence of a token it already has. */
  public VaderLexicon extendedWith(Map<String, Double> entries) {
    Map<String, Double> merged = new HashMap<>(valences);
    merged.putAll(entries);
    return new VaderLexicon(merged);
  }

  boolean isPhrase(String lowerWords) {
    return phrases.contains(lowerWords);
  }

  int phraseWords() {
    return phraseWords;
  }

  /** The shipped lexicon, read once. */
  public static VaderLexicon defaultLexicon() {
    return DEFAULT;
  }

  public int size() {
    return valences.size();
  }

  /** Valence of a lower-cased token, or null when the token carries no sentiment. */
  public Double valence(String lowerToken) {
    return valences.get(lowerToken);
  }

  /**
   * A hash of every entry: two lexicons with the same fingerprint score and know the same words. Worked out once
   * (a pain points query asks for it each time).
   */
  public long fingerprint() {
    Long f = fingerprint;
    if (f == null) {
      long h = 1125899906842597L;
      for (String word : new java.util.TreeSet<>(valences.keySet())) {
        h = 31 * h + word.hashCode();
        h = 31 * h + Double.hashCode(valences.get(word));
      }
      fingerprint = f = h;
    }
    return f;
  }

  boolean contains(String lowerToken) {
    return valences.containsKey(lowerToken);
  }

  private static VaderLexicon load() {
    try (InputStream in = VaderLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses TOKEN \t MEAN \t SD \t RATINGS lines; a token listed twice keeps its later valence. */
  static VaderLexicon parse(InputStream in) throws IOException {
    Map<String, Double> map = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length < 2) {
        throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected token<TAB>valence");
      }
      map.put(cols[0], Double.parseDouble(cols[1].trim()));
    }
    return new VaderLexicon(map);
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> m = new HashMap<>();
    for (String w : new String[] {"absolutely", "amazingly", "awfully", "completely", "considerable",
        "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
        "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin",
        "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin",
        "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major",
        "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so",
        "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously", "uber",
        "unbelievably", "unusually", "utter", "utterly", "very"}) {
      m.put(w, B_INCR);
    }
    for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
        "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
        "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
      m.put(w, B_DECR);
    }
    return Map.copyOf(m);
  }
}
