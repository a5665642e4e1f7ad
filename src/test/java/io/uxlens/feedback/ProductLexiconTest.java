package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.uxlens.config.ConfigFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductLexiconTest {
  @TempDir Path dir;

  private static double norm(double sum) {
    return sum / Math.sqrt(sum * sum + 15); // VADER's normalisation, alpha 15
  }

  @Test
  void productComplaintsAreNegativeOnlyWithTheExtension() {
    // VADER alone knows none of these words: neutral (the control)
    assertThat(Vader.standard().compound("The import is so slow, it took forever")).isZero();
    assertThat(Vader.standard().compound("Card payment keeps getting declined")).isZero();
    // slow -1.7 boosted by "so" (-0.293); "took forever" -1.7 as one phrase, which VADER's rule also lets "so"
    // boost from three words back (x0.9): -1.993 - 1.9637 = -3.9567
    assertThat(Vader.feedback().compound("The import is so slow, it took forever"))
        .isCloseTo(norm(-1.7 - 0.293 - 1.7 - 0.293 * 0.9), within(1e-12));
    assertThat(Vader.feedback().compound("Card payment keeps getting declined")).isCloseTo(norm(-1.7),
        within(1e-12));
    // a phrase swallows its negation: "can't find" is one complaint (-1.3), not a negated "find"
    assertThat(Vader.feedback().compound("I can't find the export")).isCloseTo(norm(-1.3), within(1e-12));
    assertThat(Vader.feedback().compound("Quick and smooth")).isPositive();
    assertThat(Vader.feedback().compound("the app froze")).isNegative();
  }

  @Test
  void everyShippedValenceIsCopiedFromItsVaderAnchor() throws Exception {
    VaderLexicon vader = VaderLexicon.defaultLexicon();
    try (var in = ProductLexicon.class.getResourceAsStream(ProductLexicon.RESOURCE)) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        assertThat(vader.valence(cols[2])).as(cols[0] + " anchored on " + cols[2])
            .isEqualTo(Double.parseDouble(cols[1]));
      }
    }
    assertThat(ProductLexicon.shipped().entries()).containsKeys("slow", "declined", "took forever", "intuitive");
  }

  @Test
  void aUserFileExtendsOrReplacesTheShippedWords() throws Exception {
    Path file = Files.writeString(dir.resolve("words.tsv"), "# ours\nspinner of doom\t-2.5\tour support team\n"
        + "slow\t-3\n");
    Vader extended = ProductLexicon.withFile(file, false).scorer();
    assertThat(extended.compound("the spinner of doom again")).isCloseTo(norm(-2.5), within(1e-12));
    assertThat(extended.compound("slow")).isCloseTo(norm(-3), within(1e-12));
    assertThat(extended.compound("it froze")).isNegative(); // shipped words kept
    Vader replaced = ProductLexicon.withFile(file, true).scorer();
    assertThat(replaced.compound("it froze")).isCloseTo(Vader.standard().compound("it froze"), within(1e-12));
    assertThat(replaced.compound("slow")).isCloseTo(norm(-3), within(1e-12));
  }

  @Test
  void aBadEntryNamesItsLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.tsv"), "slow\t-1.7\nlaggy\tvery\n");
    assertThatThrownBy(() -> ProductLexicon.withFile(bad, false)).isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("bad.tsv").hasMessageContaining("line 2").hasMessageContaining("'very' is not a number");
    Path range = Files.writeString(dir.resolve("range.tsv"), "slow\t-7\n");
    assertThatThrownBy(() -> ProductLexicon.withFile(range, false)).hasMessageContaining("line 1")
        .hasMessageContaining("between -4 and 4");
    Path noTab = Files.writeString(dir.resolve("notab.tsv"), "\n\nslow -1.7\n");
    assertThatThrownBy(() -> ProductLexicon.withFile(noTab, false)).hasMessageContaining("line 3");
  }
}
