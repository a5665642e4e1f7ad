package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaderTest {
  private final Vader vader = Vader.standard();

  /** The example sentences and compound scores published in the VADER README (cjhutto/vaderSentiment). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      VADER is smart, handsome, and funny.                                                 |  0.8316
      VADER is smart, handsome, and funny!                                                 |  0.8439
      VADER is very smart, handsome, and funny.                                            |  0.8545
      VADER is VERY SMART, handsome, and FUNNY.                                            |  0.9227
      VADER is VERY SMART, handsome, and FUNNY!!!                                          |  0.9342
      VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                             |  0.9469
      VADER is not smart, handsome, nor funny.                                             | -0.7424
      The book was good.                                                                   |  0.4404
      At least it isn't a horrible book.                                                   |  0.431
      The book was only kind of good.                                                      |  0.3832
      The plot was good, but the characters are uncompelling and the dialog is not great.  | -0.7042
      Today SUX!                                                                           | -0.5461
      Today only kinda sux! But I'll get by, lol                                           |  0.5249
      Make sure you :) or :D today!                                                        |  0.8633
      Not bad at all                                                                       |  0.431
      """)
  void matchesPublishedExamples(String sentence, double expected) {
    assertThat(vader.compound(sentence)).isCloseTo(expected, within(0.0006));
    // the product lexicon is layered on top: VADER's own examples score exactly as with VADER alone
    assertThat(Vader.feedback().compound(sentence)).isEqualTo(vader.compound(sentence));
  }

  @Test
  void plainLexiconWordIsNormalisedWithAlpha15() {
    // "good" = 1.9 in the lexicon: 1.9 / sqrt(1.9^2 + 15)
    assertThat(vader.compound("good")).isCloseTo(1.9 / Math.sqrt(1.9 * 1.9 + 15), within(1e-12));
  }

  @Test
  void negationFlipsAndDampens() {
    // not good = 1.9 * -0.74
    double v = 1.9 * -0.74;
    assertThat(vader.compound("the app is not good")).isCloseTo(v / Math.sqrt(v * v + 15), within(1e-12));
    assertThat(vader.compound("the app isn't good")).isCloseTo(v / Math.sqrt(v * v + 15), within(1e-12));
  }

  @Test
  void neverSoIntensifiesAndWithoutDoubtDoesNotNegate() {
    // "so" right before boosts by 0.293, then "never so" multiplies by 1.25 instead of negating
    double neverSo = (1.9 + 0.293) * 1.25;
    assertThat(vader.compound("never so good")).isCloseTo(neverSo / Math.sqrt(neverSo * neverSo + 15),
        within(1e-12));
    // "doubt" (-1.5) is itself negated by "without"; "good" keeps its full 1.9
    double doubt = 1.9 + -1.5 * -0.74;
    assertThat(vader.compound("without doubt good"))
        .isCloseTo(doubt / Math.sqrt(doubt * doubt + 15), within(1e-12));
    double plainNever = 1.9 * -0.74;
    assertThat(vader.compound("never good"))
        .isCloseTo(plainNever / Math.sqrt(plainNever * plainNever + 15), within(1e-12));
  }

  @Test
  void capsOnlyCountWhenCaseIsMixed() {
    assertThat(vader.compound("GOOD")).isEqualTo(vader.compound("good"));
    assertThat(vader.compound("it is GOOD")).isGreaterThan(vader.compound("it is good"));
  }

  @Test
  void questionMarksAndExclamationsCapped() {
    assertThat(Vader.punctuationEmphasis("good?")).isZero();
    assertThat(Vader.punctuationEmphasis("good??")).isCloseTo(0.36, within(1e-12));
    assertThat(Vader.punctuationEmphasis("good?????")).isCloseTo(0.96, within(1e-12));
    assertThat(Vader.punctuationEmphasis("good!!!!!!")).isCloseTo(4 * 0.292, within(1e-12));
  }

  @Test
  void compoundStaysInRangeAndNeutralTextIsZero() {
    assertThat(vader.compound("")).isZero();
    assertThat(vader.compound("the import has three columns")).isZero();
    String gushing = "great ".repeat(200) + "!!!!";
    assertThat(vader.compound(gushing)).isLessThanOrEqualTo(1.0).isGreaterThan(0.99);
    assertThat(vader.compound("horrible ".repeat(200))).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.99);
  }

  @Test
  void lexiconLoadsAllRatedTokens() {
    // 7517 lines, 14 of them repeat a token already listed (counted with sort -u)
    assertThat(VaderLexicon.defaultLexicon().size()).isEqualTo(7503);
    assertThat(VaderLexicon.defaultLexicon().valence("lol")).isEqualTo(1.8);
  }
}
