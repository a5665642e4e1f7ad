package io.uxlens.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JourneyDefinitionsTest {
  @TempDir
  Path dir;

  @Test
  void defaultJourneysLoad() {
    JourneyDefinitions d = JourneyDefinitions.loadDefault();
    assertThat(d.all()).extracting(JourneyDefinition::id)
        .containsExactly("onboarding", "inventory-import", "checkout", "account-opening");
    JourneyDefinition imp = d.byId("inventory-import").orElseThrow();
    assertThat(imp.name()).isEqualTo("Initial inventory import");
    assertThat(imp.squad()).isEqualTo("Data onboarding");
    assertThat(imp.steps()).extracting(JourneyDefinition.Step::event)
        .containsExactly("Import Started", "File Uploaded", "Columns Mapped", "Import Completed");
    assertThat(imp.errors()).containsExactly("Import Failed", "Row Rejected");
    assertThat(imp.abandonAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(imp.targets().completionRate()).isEqualTo(0.85);
    assertThat(imp.targets().errorRate()).isEqualTo(0.02);
    assertThat(imp.targets().timeOnTaskP75()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.byId("checkout").orElseThrow().step(2).where()).containsEntry("step", "1");
    assertThat(JourneyDefinitions.load(null).all()).hasSize(4);
  }

  private static final String GOOD = """
      journeys:
        - id: a
          steps: [{id: s1, event: One}, {id: s2, event: Two}]
          abandon_after: 1h30m
        - id: b
          steps: [{id: s1, event: One}, {id: s2, event: Two}]
          abandon_after: 45s
      """;

  @Test
  void aGoodFileLoads() throws Exception {
    Path f = write(GOOD);
    JourneyDefinitions d = JourneyDefinitions.load(f);
    assertThat(d.byId("a").orElseThrow().abandonAfter()).isEqualTo(Duration.ofMinutes(90));
    assertThat(d.byId("b").orElseThrow().abandonAfter()).isEqualTo(Duration.ofSeconds(45));
  }

  /** GOOD with journey b's steps in block style, so single fields can be broken. */
  private static final String BLOCK = """
      journeys:
        - id: a
          steps: [{id: s1, event: One}, {id: s2, event: Two}]
          abandon_after: 1h30m
        - id: b
          steps:
            - {id: s1, event: One}
            - {id: s2, event: Two}
          abandon_after: 45s
      """;

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "- {id: s2, event: Two}|journeys[1].steps[1].event|- {id: s2}",
      "- {id: s2, event: Two}|journeys[1].steps[1].colour|- {id: s2, event: Two, colour: red}",
      "- {id: s2, event: Two}|journeys[1].steps[1].id|- {id: s1, event: Two}",
      "abandon_after: 45s|journeys[1].abandon_after|abandon_after: 45",
      "abandon_after: 45s|journeys[1].abandon_after|abandon_after: soon",
      "- id: b|journeys[1].id|- id: a",
      "- id: b|journeys[1].id|- id: B c",
  })
  void badFilesAreRefusedWithPathAndRule(String find, String path, String replace) throws Exception {
    int at = BLOCK.lastIndexOf(find);
    assertThat(at).isPositive();
    Path f = write(BLOCK.substring(0, at) + replace + BLOCK.substring(at + find.length()));
    assertThatThrownBy(() -> JourneyDefinitions.load(f))
        .isInstanceOf(JourneyFileException.class)
        .satisfies(e -> {
          JourneyFileException j = (JourneyFileException) e;
          assertThat(j.file()).isEqualTo(f.toString());
          assertThat(j.path()).isEqualTo(path);
          assertThat(j.getMessage()).startsWith(f + ": " + path + ": ");
        });
  }

  @Test
  void rulesAreNamed() throws Exception {
    assertThat(refusal(GOOD.replace("abandon_after: 45s", "abandon_after: 45"))).isEqualTo(
        "must be a positive duration with a unit, such as 45s, 30m, 2h or 1h30m; got '45'");
    assertThat(refusal(GOOD.replace("- id: b", "- id: a"))).isEqualTo("duplicate journey id 'a'");
    assertThat(refusal(GOOD.replace("abandon_after: 1h30m", "abandon_after: 1h30m\n    owner: me")))
        .startsWith("unknown key (allowed: ");
    assertThat(refusal("journeys: []")).isEqualTo("required: a non-empty list of journeys");
    assertThat(refusal(GOOD + "journeys: []\n")).startsWith("not valid YAML: Duplicate field 'journeys'");
  }

  @Test
  void theCliPrintsABadFileAsAOneLineUsageErrorAndExits2() throws Exception {
    Path f = write(BLOCK.replace("- {id: s2, event: Two}\n", "- {id: s2}\n"));
    // must be refused, or the command below would start a server and wait for a signal
    assertThatThrownBy(() -> JourneyDefinitions.load(f)).isInstanceOf(JourneyFileException.class);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("serve", "--port", "0", "--host", "127.0.0.1", "--db", dir.resolve("x.db").toString(),
          "--journeys", f.toString());
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("uxlens: " + f + ": journeys[1].steps[1].event: required: the event name that marks this step");
    assertThat(dir.resolve("x.db")).doesNotExist(); // refused before the store was opened
  }

  private String refusal(String yaml) throws Exception {
    Path f = write(yaml);
    try {
      JourneyDefinitions.load(f);
    } catch (JourneyFileException e) {
      return e.rule();
    }
    throw new AssertionError("accepted: " + yaml);
  }

  private Path write(String yaml) throws Exception {
    Path f = Files.createTempFile(dir, "journeys", ".yml");
    Files.writeString(f, yaml);
    return f;
  }
}
