package io.uxlens.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import io.uxlens.testing.GrafanaFixture;
import io.uxlens.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Golden request/response files for every Grafana endpoint, under src/test/resources/golden/grafana: each file
 * holds {"request":{method,path,body?},"response":{status,body}}. Responses are compared structurally (key order
 * free, numbers by value with 1e-9 relative tolerance; the string "<any>" matches anything). Review changes like
 * code; regenerate with {@code -Dgolden.update=true}.
 */
class GoldenTest {
  static final Path DIR = Path.of("src/test/resources/golden/grafana");
  @RegisterExtension static final TestServer server = TestServer.perClass(c -> c, GrafanaFixture::seed);

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws Exception {
    ObjectNode golden = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    JsonNode req = golden.get("request");
    String method = req.get("method").asText();
    String path = req.get("path").asText();
    TestServer.Response r = method.equals("GET") ? server.get(path)
        : server.postJson(path, req.has("body") ? Json.write(req.get("body")) : "");
    ObjectNode actual = Json.MAPPER.createObjectNode();
    actual.put("status", r.status());
    actual.set("body", r.json());
    if (Boolean.getBoolean("golden.update")) {
      golden.set("response", actual);
      Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(golden) + "\n");
      return;
    }
    List<String> diffs = new ArrayList<>();
    compare("$", golden.get("response"), actual, diffs);
    assertThat(diffs).as(file + " differs; actual response:\n" + actual.toPrettyString()).isEmpty();
  }

  static void compare(String at, JsonNode want, JsonNode got, List<String> diffs) {
    if (want == null || got == null) {
      diffs.add(at + ": expected " + want + " but got " + got);
    } else if (want.isTextual() && want.asText().equals("<any>")) {
      return;
    } else if (want.isNumber() && got.isNumber()) {
      double a = want.asDouble();
      double b = got.asDouble();
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
        diffs.add(at + ": expected " + a + " but got " + b);
      }
    } else if (want.isObject() && got.isObject()) {
      Iterator<String> names = want.fieldNames();
      names.forEachRemaining(n -> compare(at + "." + n, want.get(n), got.get(n), diffs));
      got.fieldNames().forEachRemaining(n -> {
        if (!want.has(n)) {
          diffs.add(at + "." + n + ": unexpected field");
        }
      });
    } else if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        diffs.add(at + ": expected " + want.size() + " elements but got " + got.size());
      }
      for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
        compare(at + "[" + i + "]", want.get(i), got.get(i), diffs);
      }
    } else if (!want.equals(got)) {
      diffs.add(at + ": expected " + want + " but got " + got);
    }
  }
}
