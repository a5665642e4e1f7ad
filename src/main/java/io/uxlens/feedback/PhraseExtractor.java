package io.uxlens.feedback;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Candidate theme phrases of a text: Lucene's standard tokenizer, lower-casing, the Snowball English stop list
 * and the Porter stemmer, then shingles of one to three consecutive content words within a clause. A phrase is
 * keyed by its set of stems, so "slow import", "imports are slow" and "import slowness"-like variants that stem
 * alike fall together; its label is the words as written.
 */
final class PhraseExtractor {
  static final int MAX_WORDS = 3;
  /** Clause boundaries: a phrase never spans a sentence or a comma. */
  private static final Pattern CLAUSES = Pattern.compile("[.!?;:,()\\n\\r]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final CharArraySet STOP_WORDS = stopWords();
  /**
   * The token chain, built once per thread and reused for every clause (Lucene's reuse strategy): a new tokenizer
   * per clause allocated its scanner buffers each time, most of the cost of reading a sprint's complaints.
   */
  private static final Analyzer CONTENT_WORDS = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      return new TokenStreamComponents(tokenizer, new PorterStemFilter(new StopFilter(
          new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer)), STOP_WORDS)));
    }
  };

  /**
   * A phrase found in a text: stem-set key, the text span as written (lower case, stop words included) and
   * whether that span is exactly the content words, i.e. a verbatim phrase without stop words inside.
   */
  record Phrase(String key, int words, String surface, boolean verbatim) {}

  /** A content token: its stem, and where the word stands in the clause. */
  record Token(String stem, String word, int start, int end) {}

  private PhraseExtractor() {}

  /** Distinct phrases of a text, keyed by stem set, in order of first appearance. */
  static Map<String, Phrase> phrases(String text) {
    Map<String, Phrase> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String clause : CLAUSES.split(text)) {
      List<Token> tokens = analyze(clause);
      for (int i = 0; i < tokens.size(); i++) {
        for (int n = 1; n <= MAX_WORDS && i + n <= tokens.size(); n++) {
          String key = key(tokens, i, n);
          if (key == null || out.containsKey(key)) {
            continue; // a repeated word ("very very") is not a phrase; a phrase keeps its first wording
          }
          String span = clause.substring(tokens.get(i).start(), tokens.get(i + n - 1).end())
              .toLowerCase(Locale.ROOT);
          if (!singleSpaced(span)) {
            span = SPACES.matcher(span).replaceAll(" ");
          }
          out.put(key, new Phrase(key, n, span, isWords(span, tokens, i, n)));
        }
      }
    }
    return out;
  }

  /**
   * The stems of tokens i to i + n - 1 ({@code n} up to {@value #MAX_WORDS}), sorted and space-joined; null when one
   * repeats.
   */
  private static String key(List<Token> tokens, int i, int n) {
    String a = tokens.get(i).stem();
    if (n == 1) {
      return a;
    }
    String b = tokens.get(i + 1).stem();
    int ab = a.compareTo(b);
    if (ab == 0) {
      return null;
    }
    String lo = ab < 0 ? a : b;
    String hi = ab < 0 ? b : a;
    if (n == 2) {
      return lo + " " + hi;
    }
    String c = tokens.get(i + 2).stem();
    int cl = c.compareTo(lo);
    int ch = c.compareTo(hi);
    if (cl == 0 || ch == 0) {
      return null;
    }
    return cl < 0 ? c + " " + lo + " " + hi : ch < 0 ? lo + " " + c + " " + hi : lo + " " + hi + " " + c;
  }

  /** Whether the span reads exactly as the tokens' words joined by single spaces: a phrase written as is. */
  private static boolean isWords(String span, List<Token> tokens, int i, int n) {
    int length = n - 1;
    for (int k = i; k < i + n; k++) {
      length += tokens.get(k).word().length();
    }
    if (span.length() != length) {
      return false;
    }
    int at = 0;
    for (int k = i; k < i + n; k++) {
      if (k > i && span.charAt(at++) != ' ') {
        return false;
      }
      String word = tokens.get(k).word();
      if (!span.startsWith(word, at)) {
        return false;
      }
      at += word.length();
    }
    return true;
  }

  /** True when the only whitespace is single spaces: nothing for {@link #SPACES} to replace (the usual case). */
  private static boolean singleSpaced(String span) {
    for (int i = 0; i < span.length(); i++) {
      char c = span.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (c != ' ' || (i > 0 && span.charAt(i - 1) == ' ')) {
          return false;
        }
      }
    }
    return true;
  }

  /** Content tokens of a clause. */
  static List<Token> analyze(String clause) {
    List<Token> out = new ArrayList<>();
    TokenStream ts = CONTENT_WORDS.tokenStream("text", clause);
    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
    try (ts) {
      ts.reset();
      while (ts.incrementToken()) {
        String stem = term.toString();
        if (stem.length() < 2 || stem.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String word = clause.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
        out.add(new Token(stem, word, offset.startOffset(), offset.endOffset()));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string cannot fail", e);
    }
    return out;
  }

  /** Snowball's English stop list (shipped in lucene-analysis-common), broader than Lucene's default set. */
  private static CharArraySet stopWords() {
    try (Reader r = new InputStreamReader(
        SnowballFilter.class.getResourceAsStream("english_stop.txt"), StandardCharsets.UTF_8)) {
      CharArraySet set = new CharArraySet(WordlistLoader.getSnowballWordSet(r), false);
      // words that carry no topic in product feedback
      for (String w : new String[] {"app", "please", "get", "got", "just", "really", "still", "even", "also",
          "every", "time", "keep", "keeps", "can't", "cannot", "won't", "don't", "doesn't", "didn't", "isn't",
          "it's", "i'm", "ever", "always", "never", "again", "one", "thing", "way"}) {
        set.add(w);
      }
      return CharArraySet.unmodifiableSet(set);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot load the Snowball English stop list from lucene-analysis-common", e);
    }
  }
}
