package io.uxlens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard type-checks as {@code Dashboard} from @grafana/schema (13.2.3) with the TypeScript compiler
 * (src/test/node/dashboards/check.mjs). Needs {@code npm ci --prefix src/test/node/dashboards}; without it the test
 * is skipped, except on CI (CI=true), where a missing install is a failure.
 */
class DashboardTypeCheckTest {
  static final Path PROJECT = Path.of("src/test/node/dashboards");

  @BeforeAll
  static void requireInstall() {
    boolean installed = Files.isDirectory(PROJECT.resolve("node_modules/@grafana/schema"))
        && Files.isDirectory(PROJECT.resolve("node_modules/typescript"));
    if (!installed) {
      assertThat(System.getenv("CI")).as("CI=true but @grafana/schema is not installed: run npm ci --prefix "
          + PROJECT).isNotEqualTo("true");
      Assumptions.abort("skipped: run `npm ci --prefix " + PROJECT + "` to type-check dashboards with "
          + "@grafana/schema");
    }
  }

  @Test
  void committedAndJsonApiDashboardsTypeCheck(@TempDir Path dir) throws Exception {
    DashboardSet.write(dir, DashboardSet.generate(JourneySpecs.load(null), Flavor.JSON_API));
    Result r = check(GeneratedDashboardsTest.COMMITTED.toAbsolutePath(), dir);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("checked 16 dashboards: 0 problems");
  }

  @Test
  void theCheckCatchesWrongTypesAndUnknownPanelKeys(@TempDir Path dir) throws Exception {
    ObjectNode d = DashboardSet.generate(JourneySpecs.load(null), Flavor.INFINITY).get("voice.json");
    ObjectNode panel = (ObjectNode) d.path("panels").get(1);
    panel.put("bogusKey", 1);
    ObjectNode other = (ObjectNode) d.path("panels").get(2);
    ((ObjectNode) other.path("gridPos")).put("h", "eight");
    ((ArrayNode) d.path("templating").path("list")).addObject().put("type", "nonsense").put("name", "x");
    Files.writeString(dir.resolve("broken.json"), DashboardSet.text(d), StandardCharsets.UTF_8);
    Result r = check(dir);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output()).contains("'\"bogusKey\"' does not exist", "not assignable to type 'number'",
        "'\"nonsense\"' is not assignable to type 'VariableType'", "broken.json:");
  }

  record Result(int exit, String output) {}

  static Result check(Path... inputs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", PROJECT.resolve("check.mjs").toAbsolutePath().toString()));
    for (Path p : inputs) {
      cmd.add(p.toAbsolutePath().toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tsc finished in time").isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
