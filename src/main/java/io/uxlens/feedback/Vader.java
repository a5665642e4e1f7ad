package io.uxlens.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentiment of short English texts with the VADER method (Hutto &amp; Gilbert, ICWSM-14): lexicon valences
 * adjusted by degree modifiers, negation, ALL-CAPS emphasis, the contrastive "but" and ! / ? emphasis, summed and
 * normalised to a compound score in [-1, 1]. Thread-safe; {@link #compound} is a pure function of the text.
 */
public final class Vader {
  /** Extra intensity of an ALL-CAPS word in mixed-case text. */
  static final double CAPS_INCR = 0.733;
  /** Factor applied to a valence in the scope of a negation. */
  static final double NEGATION = -0.74;
  /** Normalisation constant: compound = sum / sqrt(sum^2 + ALPHA). */
  static final double ALPHA = 15;
  /** Conventional thresholds for classifying a compound score. */
  public static final double POSITIVE_THRESHOLD = 0.05;
  public static final double NEGATIVE_THRESHOLD = -0.05;

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Vader DEFAULT = new Vader(VaderLexicon.defaultLexicon());
  private static final Vader FEEDBACK = ProductLexicon.shipped().scorer();

  private final VaderLexicon lexicon;

  public Vader(VaderLexicon lexicon) {
    this.lexicon = lexicon;
  }

  public VaderLexicon lexicon() {
    return lexicon;
  }

  /** A scorer over the shipped VADER lexicon, as published. */
  public static Vader standard() {
    return DEFAULT;
  }

  /** VADER with the shipped product-feedback extension layered on top ({@link ProductLexicon}). */
  public static Vader feedback() {
    return FEEDBACK;
  }

  /** Compound sentiment in [-1, 1]; 0 for blank text or text without sentiment words. */
  public double compound(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    List<String> words = lexicon.phraseWords() > 1 ? joinPhrases(tokens(text)) : tokens(text);
    boolean capsDiffer = capsDiffer(words);
    List<String> lower = new ArrayList<>(words.size());
    for (String w : words) {
      lower.add(w.toLowerCase(Locale.ROOT));
    }
    double[] valences = new double[words.size()];
    for (int i = 0; i < words.size(); i++) {
      String lw = lower.get(i);
      boolean kindOf = lw.equals("kind") && i + 1 < words.size() && lower.get(i + 1).equals("of");
      // modifiers carry no sentiment of their own: they act on the word they modify
      if (VaderLexicon.BOOSTERS.containsKey(lw) || kindOf) {
        continue;
      }
      valences[i] = valence(words, lower, i, capsDiffer);
    }
    applyBut(lower, valences);
    double sum = 0;
    for (double v : valences) {
      sum += v;
    }
    double emphasis = punctuationEmphasis(text);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    return normalize(sum);
  }

  /** Label by the conventional thresholds: 1 positive, -1 negative, 0 neutral. */
  public static int polarity(double compound) {
    if (compound >= POSITIVE_THRESHOLD) {
      return 1;
    }
    return compound <= NEGATIVE_THRESHOLD ? -1 : 0;
  }

  static double normalize(double score) {
    double n = score / Math.sqrt(score * score + ALPHA);
    return Math.max(-1, Math.min(1, n));
  }

  /** Consecutive tokens that form a phrase of the lexicon become one token (longest phrase first). */
  private List<String> joinPhrases(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    int i = 0;
    while (i < words.size()) {
      int taken = 1;
      for (int n = Math.min(lexicon.phraseWords(), words.size() - i); n > 1; n--) {
        if (lexicon.isPhrase(String.join(" ", words.subList(i, i + n)).toLowerCase(Locale.ROOT))) {
          taken = n;
          break;
        }
      }
      out.add(String.join(" ", words.subList(i, i + taken)));
      i += taken;
    }
    return out;
  }

  /** Whitespace tokens with surrounding punctuation removed, except where that would destroy an emoticon. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.trim().split("\\s+")) {
      String stripped = strip(raw);
      out.add(stripped.length() <= 2 ? raw : stripped);
    }
    return out;
  }

  private static String strip(String token) {
    int b = 0;
    int e = token.length();
    while (b < e && PUNCTUATION.indexOf(token.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && PUNCTUATION.indexOf(token.charAt(e - 1)) >= 0) {
      e--;
    }
    return token.substring(b, e);
  }

  /** Upper case in Python's sense: at least one cased letter and no lower-case one. */
  static boolean isUpper(String word) {
    boolean cased = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      cased |= Character.isUpperCase(c);
    }
    return cased;
  }

  /** ALL-CAPS only signals emphasis when some words are capitalised and others are not. */
  static boolean capsDiffer(List<String> words) {
    int upper = 0;
    for (String w : words) {
      if (isUpper(w)) {
        upper++;
      }
    }
    return upper > 0 && upper < words.size();
  }

  private double valence(List<String> words, List<String> lower, int i, boolean capsDiffer) {
    String lw = lower.get(i);
    Double base = lexicon.valence(lw);
    if (base == null) {
      return 0;
    }
    double v = base;
    // "no" followed by a sentiment word is a determiner ("no problems"), not a negative word itself
    if (lw.equals("no") && i + 1 < words.size() && lexicon.contains(lower.get(i + 1))) {
      v = 0;
    }
    if ((i > 0 && lower.get(i - 1).equals("no")) || (i > 1 && lower.get(i - 2).equals("no"))
        || (i > 2 && lower.get(i - 3).equals("no") && (lower.get(i - 1).equals("or")
            || lower.get(i - 1).equals("nor")))) {
      v = base * NEGATION;
    }
    if (capsDiffer && isUpper(words.get(i))) {
      v += v > 0 ? CAPS_INCR : -CAPS_INCR;
    }
    for (int back = 1; back <= 3; back++) {
      if (i < back || lexicon.contains(lower.get(i - back))) {
        continue;
      }
      double s = modifier(words.get(i - back), lower.get(i - back), v, capsDiffer);
      // a modifier further away has less effect
      if (back == 2) {
        s *= 0.95;
      } else if (back == 3) {
        s *= 0.9;
      }
      v += s;
      v = negation(lower, i, back, v);
      if (back == 3) {
        v = idioms(lower, i, v);
      }
    }
    return least(lower, i, v);
  }

  private static double modifier(String word, String lw, double valence, boolean capsDiffer) {
    Double b = VaderLexicon.BOOSTERS.get(lw);
    if (b == null) {
      return 0;
    }
    double s = valence < 0 ? -b : b;
    if (capsDiffer && isUpper(word)) {
      s += valence > 0 ? CAPS_INCR : -CAPS_INCR;
    }
    return s;
  }

  private static boolean negates(String lw) {
    return VaderLexicon.NEGATIONS.contains(lw) || lw.contains("n't");
  }

  /** Negation within three words before; "never so/this" intensifies and "without doubt" affirms instead. */
  private static double negation(List<String> lower, int i, int back, double v) {
    if (back == 1) {
      return negates(lower.get(i - 1)) ? v * NEGATION : v;
    }
    String far = lower.get(i - back);
    boolean soThis = false;
    boolean doubt = false;
    for (int k = 1; k < back; k++) {
      String w = lower.get(i - k);
      soThis |= w.equals("so") || w.equals("this");
      doubt |= w.equals("doubt");
    }
    if (far.equals("never") && soThis) {
      return v * 1.25;
    }
    if (far.equals("without") && doubt) {
      return v;
    }
    return negates(far) ? v * NEGATION : v;
  }

  /** Idioms ending at or just after word i, and two-word modifiers ("kind of") just before it. */
  private static double idioms(List<String> lower, int i, double v) {
    String w0 = lower.get(i);
    String w1 = lower.get(i - 1);
    String w2 = lower.get(i - 2);
    String w3 = lower.get(i - 3);
    for (String seq : new String[] {w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1,
        w3 + " " + w2 + " " + w1, w3 + " " + w2}) {
      Double idiom = VaderLexicon.IDIOMS.get(seq);
      if (idiom != null) {
        v = idiom;
        break;
      }
    }
    if (i + 1 < lower.size()) {
      Double after = VaderLexicon.IDIOMS.get(w0 + " " + lower.get(i + 1));
      if (after != null) {
        v = after;
      }
      if (i + 2 < lower.size()) {
        Double after2 = VaderLexicon.IDIOMS.get(w0 + " " + lower.get(i + 1) + " " + lower.get(i + 2));
        if (after2 != null) {
          v = after2;
        }
      }
    }
    for (String seq : new String[] {w3 + " " + w2 + " " + w1, w3 + " " + w2, w2 + " " + w1}) {
      Double b = VaderLexicon.BOOSTERS.get(seq);
      if (b != null) {
        v += b;
      }
    }
    return v;
  }

  /** "least good" negates, "at least" and "very least" do not. */
  private double least(List<String> lower, int i, double v) {
    if (i > 0 && lower.get(i - 1).equals("least") && !lexicon.contains("least")) {
      boolean atLeast = i > 1 && (lower.get(i - 2).equals("at") || lower.get(i - 2).equals("very"));
      if (!atLeast) {
        return v * NEGATION;
      }
    }
    return v;
  }

  /** After "but" the clause carries the weight: before it x0.5, after it x1.5. */
  private static void applyBut(List<String> lower, double[] valences) {
    int but = lower.indexOf("but");
    if (but < 0) {
      return;
    }
    for (int k = 0; k < valences.length; k++) {
      if (k < but) {
        valences[k] *= 0.5;
      } else if (k > but) {
        valences[k] *= 1.5;
      }
    }
  }

  /** Up to four "!" add 0.292 each; two or three "?" add 0.18 each, more add 0.96. */
  static double punctuationEmphasis(String text) {
    int bangs = 0;
    int questions = 0;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '!') {
        bangs++;
      } else if (c == '?') {
        questions++;
      }
    }
    double e = Math.min(bangs, 4) * 0.292;
    if (questions > 1) {
      e += questions <= 3 ? questions * 0.18 : 0.96;
    }
    return e;
  }
}
