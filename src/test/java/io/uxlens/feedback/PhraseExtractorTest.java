package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phrases as written: one space between words whatever the text had, keys by stem set, clauses kept apart. */
class PhraseExtractorTest {
  @Test
  void surfacesAreSingleSpacedAndKeyedByStems() {
    Map<String, PhraseExtractor.Phrase> tabbed = PhraseExtractor.phrases("Imports\tare  so SLOW, export fine");
    Map<String, PhraseExtractor.Phrase> plain = PhraseExtractor.phrases("imports are so slow, export fine");
    assertThat(tabbed).isEqualTo(plain);
    PhraseExtractor.Phrase slowImport = plain.get("import slow");
    assertThat(slowImport.surface()).isEqualTo("imports are so slow");
    assertThat(slowImport.verbatim()).as("stop words inside").isFalse();
    assertThat(PhraseExtractor.phrases("slow import").get("import slow").verbatim()).isTrue();
    assertThat(plain).as("a comma ends a clause").doesNotContainKey("export slow");
    // the token chain is reused between texts: a second text sees none of the first
    assertThat(PhraseExtractor.phrases("checkout crashed")).containsOnlyKeys("checkout", "crash", "checkout crash");
  }

  /** Three-word keys sort their stems whatever the word order; a repeated stem makes no phrase. */
  @Test
  void keysSortStemsAndSkipRepeats() {
    Map<String, PhraseExtractor.Phrase> p = PhraseExtractor.phrases("upload timeout error");
    assertThat(p).containsOnlyKeys("upload", "timeout", "error", "timeout upload", "error timeout",
        "error timeout upload");
    assertThat(p.get("error timeout upload").surface()).isEqualTo("upload timeout error");
    assertThat(p.get("error timeout upload").verbatim()).isTrue();
    assertThat(PhraseExtractor.phrases("error upload timeout")).containsKey("error timeout upload");
    assertThat(PhraseExtractor.phrases("timeout error upload")).containsKey("error timeout upload");
    // "slow import slow": no three-word phrase, and "import slow" keeps its first wording
    Map<String, PhraseExtractor.Phrase> repeated = PhraseExtractor.phrases("slow import slow");
    assertThat(repeated).containsOnlyKeys("slow", "import", "import slow");
    assertThat(repeated.get("import slow").surface()).isEqualTo("slow import");
    assertThat(PhraseExtractor.phrases("very slow slow")).as("no \"slow slow\"").containsOnlyKeys("slow");
  }
}
