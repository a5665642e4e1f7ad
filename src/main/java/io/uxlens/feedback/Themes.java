package io.uxlens.feedback;

import java.util.Locale;
import java.util.TreeSet;

/**
 * Which texts mention a theme, by the rule pain points count mentions with: a theme is the set of stems of its
 * content words ("slow import" and "imports are slow" are one theme), and a text mentions it when one of its
 * phrases has exactly that stem set. So the quotes of a pain point are the texts it counted.
 */
public final class Themes {
  /** Longest theme in content words: pain point phrases have one to three. */
  public static final int MAX_WORDS = PhraseExtractor.MAX_WORDS;

  private Themes() {}

  /** The stem-set key of a theme as a user types or a pain point labels it; empty when it has no content word. */
  public static String key(String theme) {
    TreeSet<String> stems = new TreeSet<>();
    if (theme != null) {
      for (PhraseExtractor.Token t : PhraseExtractor.analyze(theme.toLowerCase(Locale.ROOT))) {
        stems.add(t.stem());
      }
    }
    return String.join(" ", stems);
  }

  /** Number of content words a key stands for. */
  public static int words(String key) {
    return key.isEmpty() ? 0 : key.split(" ").length;
  }

  /** True when the text has a phrase with exactly the key's stems. */
  public static boolean mentions(String key, String text) {
    return !key.isEmpty() && PhraseExtractor.phrases(text).containsKey(key);
  }
}
