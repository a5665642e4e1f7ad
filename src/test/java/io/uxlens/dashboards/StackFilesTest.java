package io.uxlens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.uxlens.cli.Main;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Docker cannot run here, so the stack is checked for consistency: every path the compose file and Dockerfile
 * use exists, ports and URLs agree, images and plugins are pinned, every data source uid a dashboard or alert
 * rule uses is provisioned, and the rule files Prometheus loads are the rule files there are.
 */
class StackFilesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path DOCKER = Path.of("docker");
  static final Path PROVISIONING = Path.of("provisioning");

  static JsonNode yaml(Path p) throws IOException {
    assertThat(p).as("file the stack needs").isRegularFile();
    return YAML.readTree(p.toFile());
  }

  static Map<String, JsonNode> datasources() throws IOException {
    Map<String, JsonNode> byUid = new HashMap<>();
    try (Stream<Path> files = Files.list(PROVISIONING.resolve("datasources"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        JsonNode doc = yaml(f);
        assertThat(doc.path("apiVersion").asInt()).isEqualTo(1);
        for (JsonNode ds : doc.path("datasources")) {
          for (String k : List.of("name", "type", "uid", "url")) {
            assertThat(ds.path(k).asText()).as("%s: datasource %s", f, k).isNotBlank();
          }
          assertThat(ds.path("access").asText()).isEqualTo("proxy");
          assertThat(byUid.put(ds.path("uid").asText(), ds)).as("uid provisioned twice").isNull();
        }
      }
    }
    return byUid;
  }

  @Test
  void dataSourcesHaveFixedUidsAndEveryUidADashboardUsesIsProvisioned() throws IOException {
    Map<String, JsonNode> ds = datasources();
    assertThat(ds.keySet()).contains("uxlens-infinity", "uxlens-json", "prometheus");
    assertThat(ds.values().stream().filter(d -> d.path("isDefault").asBoolean()).count()).isEqualTo(1);
    assertThat(ds.get("uxlens-infinity").path("type").asText()).isEqualTo(Flavor.INFINITY.type());
    assertThat(ds.get("uxlens-json").path("type").asText()).isEqualTo(Flavor.JSON_API.type());
    assertThat(ds.get("uxlens-json").path("url").asText()).isEqualTo(ds.get("uxlens-infinity").path("url").asText()
        + "/grafana");
    assertThat(ds.get("uxlens-infinity").path("jsonData").path("allowedHosts").get(0).asText())
        .isEqualTo(ds.get("uxlens-infinity").path("url").asText());
    for (Flavor f : Flavor.values()) {
      for (JsonNode d : DashboardSet.generate(JourneySpecs.load(null), f).values()) {
        for (JsonNode ref : d.findValues("datasource")) {
          if (ref.path("uid").asText().equals("-- Grafana --")) {
            continue;
          }
          JsonNode provisioned = ds.get(ref.path("uid").asText());
          assertThat(provisioned).as("data source %s used by %s", ref, d.path("uid")).isNotNull();
          assertThat(provisioned.path("type").asText()).isEqualTo(ref.path("type").asText());
        }
      }
    }
    Path alerting = PROVISIONING.resolve("alerting");
    if (Files.isDirectory(alerting)) {
      try (Stream<Path> files = Files.list(alerting)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList()) {
          for (JsonNode uid : yaml(f).findValues("datasourceUid")) {
            assertThat(uid.asText().equals("__expr__") || ds.containsKey(uid.asText()))
                .as("%s uses data source %s", f, uid.asText()).isTrue();
          }
        }
      }
    }
  }

  @Test
  void composeFileReferencesOnlyWhatExists() throws IOException {
    JsonNode compose = yaml(DOCKER.resolve("docker-compose.yml"));
    JsonNode services = compose.path("services");
    // The default stack (no profile) is these three; everything else waits for its profile.
    List<String> always = new ArrayList<>();
    services.properties().forEach(s -> {
      if (s.getValue().path("profiles").isEmpty()) {
        always.add(s.getKey());
      }
    });
    assertThat(always).containsExactly("uxlens", "prometheus", "grafana");
    services.properties().forEach(s -> {
      String image = s.getValue().path("image").asText();
      assertThat(image).as("%s image pinned", s.getKey()).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*|[a-z0-9./-]+:v[0-9][A-Za-z0-9._-]*");
      for (JsonNode v : s.getValue().path("volumes")) {
        String[] parts = v.asText().split(":");
        if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
          Path host = DOCKER.resolve(parts[0]).normalize();
          assertThat(Files.exists(host)).as("%s mounts %s", s.getKey(), host).isTrue();
        } else {
          assertThat(compose.path("volumes").has(parts[0])).as("%s: named volume %s declared", s.getKey(), parts[0])
              .isTrue();
        }
      }
      for (String dependency : dependencies(s.getValue())) {
        assertThat(services.has(dependency)).as("%s depends on %s", s.getKey(), dependency).isTrue();
      }
      // Every UX Lens service is built from the Dockerfile and runs options its command really has.
      if (image.startsWith("uxlens:")) {
        JsonNode build = s.getValue().path("build");
        Path context = DOCKER.resolve(build.path("context").asText()).normalize();
        assertThat(context.resolve(build.path("dockerfile").asText())).as(s.getKey()).isRegularFile();
        List<String> command = command(s.getValue());
        CommandLine sub = new CommandLine(new Main()).getSubcommands().get(command.get(0));
        assertThat(sub).as("%s: uxlens %s", s.getKey(), command.get(0)).isNotNull();
        for (String arg : command) {
          if (arg.startsWith("--")) {
            assertThat(sub.getCommandSpec().findOption(arg)).as("%s: uxlens %s %s", s.getKey(), command.get(0), arg)
                .isNotNull();
          }
        }
      }
    });

    // uxlens runs the demo on the port everything else uses
    List<String> command = command(services.path("uxlens"));
    assertThat(command.get(0)).isEqualTo("demo");
    String port = command.get(command.indexOf("--port") + 1);
    assertThat(services.path("uxlens").path("ports").get(0).asText()).endsWith(":" + port);
    Map<String, JsonNode> ds = datasources();
    assertThat(ds.get("uxlens-infinity").path("url").asText()).isEqualTo("http://uxlens:" + port);
    assertThat(ds.get("prometheus").path("url").asText())
        .endsWith(":" + services.path("prometheus").path("ports").get(0).asText().split(":")[1]);

    // Every Grafana: pinned plugins for both UX Lens data source types (versions: StackVersionsTest), anonymous
    // access off unless asked, the provisioning and dashboards mounted where the provider reads them.
    List<String> grafanas = new ArrayList<>();
    services.properties().forEach(s -> {
      if (s.getValue().path("image").asText().startsWith("grafana/grafana:")) {
        grafanas.add(s.getKey());
      }
    });
    assertThat(grafanas).contains("grafana");
    JsonNode provider = yaml(PROVISIONING.resolve("dashboards/uxlens.yml")).path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("foldersFromFilesStructure").asBoolean()).isTrue();
    assertThat(provider.path("folder").asText()).isEmpty();
    for (String name : grafanas) {
      JsonNode grafana = services.path(name);
      JsonNode env = grafana.path("environment");
      assertThat(env.has("GF_INSTALL_PLUGINS")).as("%s: GF_INSTALL_PLUGINS is deprecated since Grafana 12.1", name)
          .isFalse();
      Map<String, String> plugins = new HashMap<>();
      for (String entry : env.path("GF_PLUGINS_PREINSTALL_SYNC").asText().split(",")) {
        String[] idVersion = entry.trim().split("@");
        assertThat(idVersion).as("%s: plugin '%s' pinned as 'id@version'", name, entry).hasSize(2);
        assertThat(idVersion[1]).matches("\\d+\\.\\d+\\.\\d+");
        plugins.put(idVersion[0], idVersion[1]);
      }
      assertThat(plugins.keySet()).containsExactlyInAnyOrder(Flavor.INFINITY.type(), Flavor.JSON_API.type());
      assertThat(env.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("${GRAFANA_ANONYMOUS:-false}");
      Map<String, String> mounts = mounts(grafana);
      String dashboardsMount = containerPath(mounts, DOCKER.resolve("../dashboards").normalize().toString());
      String provisioningMount = containerPath(mounts, PROVISIONING.toString());
      assertThat(provisioningMount).isEqualTo("/etc/grafana/provisioning");
      String home = env.path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
      assertThat(home).startsWith(dashboardsMount + "/");
      assertThat(Path.of("dashboards").resolve(home.substring(dashboardsMount.length() + 1))).isRegularFile();
      assertThat(provider.path("options").path("path").asText()).isEqualTo(dashboardsMount);
    }
  }

  @Test
  void prometheusScrapesUxLensAndLoadsEveryRuleFileButNoTestFile() throws IOException {
    JsonNode services = yaml(DOCKER.resolve("docker-compose.yml")).path("services");
    // The default stack's Prometheus scrapes its one UX Lens; the replicas' Prometheus every instance.
    Map<String, List<String>> expectedTargets = Map.of("prometheus", List.of("uxlens:8080"),
        "prometheus-replicas", replicaTargets(services));
    assertThat(expectedTargets.get("prometheus-replicas")).hasSizeGreaterThanOrEqualTo(2);
    for (Map.Entry<String, List<String>> e : expectedTargets.entrySet()) {
      JsonNode compose = services.path(e.getKey());
      assertThat(compose.path("command").get(0).asText()).isEqualTo("--config.file=/etc/prometheus/prometheus.yml");
      Map<String, String> mounts = mounts(compose);
      assertThat(mounts.get("/etc/prometheus/rules")).isEqualTo(DOCKER.resolve("prometheus/rules").toString());
      Path config = Path.of(mounts.get("/etc/prometheus/prometheus.yml"));
      JsonNode prom = yaml(config);
      JsonNode job = prom.path("scrape_configs").get(0);
      assertThat(job.path("job_name").asText()).as(config.toString()).isEqualTo("uxlens");
      assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
      List<String> targets = new ArrayList<>();
      job.path("static_configs").get(0).path("targets").forEach(t -> targets.add(t.asText()));
      assertThat(targets).as(config.toString()).containsExactlyInAnyOrderElementsOf(e.getValue());
      assertThat(config.getParent()).isEqualTo(DOCKER.resolve("prometheus"));
      checkRuleFiles(prom);
    }
  }

  /** host:port of every UX Lens instance of the postgres profile, from their commands. */
  static List<String> replicaTargets(JsonNode services) {
    List<String> targets = new ArrayList<>();
    services.properties().forEach(s -> {
      if (s.getValue().path("image").asText().startsWith("uxlens:") && inProfile(s.getValue(), "postgres")) {
        List<String> command = command(s.getValue());
        targets.add(s.getKey() + ":" + command.get(command.indexOf("--port") + 1));
      }
    });
    return targets;
  }

  static boolean inProfile(JsonNode service, String profile) {
    for (JsonNode p : service.path("profiles")) {
      if (p.asText().equals(profile)) {
        return true;
      }
    }
    return false;
  }

  private static void checkRuleFiles(JsonNode prom) throws IOException {
    Path rules = DOCKER.resolve("prometheus/rules");
    assertThat(rules).isDirectory();
    // rule_files are relative to the config file (/etc/prometheus in the container = docker/prometheus here)
    List<PathMatcher> globs = new ArrayList<>();
    for (JsonNode g : prom.path("rule_files")) {
      String rel = g.asText().startsWith("/etc/prometheus/") ? g.asText().substring("/etc/prometheus/".length())
          : g.asText();
      assertThat(rel).startsWith("rules/");
      globs.add(FileSystems.getDefault().getPathMatcher("glob:" + rel));
    }
    try (Stream<Path> files = Files.list(rules)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList()) {
        boolean loaded = globs.stream().anyMatch(g -> g.matches(Path.of("rules").resolve(f.getFileName())));
        boolean test = f.getFileName().toString().matches(".*\\.test\\.ya?ml");
        assertThat(loaded).as("%s is %s", f, test ? "a promtool test, not a rule file" : "a rule file Prometheus "
            + "must load").isEqualTo(!test);
      }
    }
  }

  @Test
  void dockerfileBuildsWithMavenRunsOnAJreAsNonRoot() throws IOException {
    String text = Files.readString(DOCKER.resolve("Dockerfile"));
    List<String> from = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^FROM (\\S+)").matcher(text);
    while (m.find()) {
      from.add(m.group(1));
    }
    assertThat(from).containsExactly("maven:3.9-eclipse-temurin-17", "eclipse-temurin:17-jre");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(text);
    while (copy.find()) {
      assertThat(Path.of(copy.group(1))).as("COPY source in the build context").exists();
    }
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertThat(finalName.find()).isTrue();
    assertThat(text).contains("/target/" + finalName.group(1) + ".jar");
    for (String ignored : Files.readAllLines(Path.of(".dockerignore"))) {
      assertThat(Set.of("pom.xml", "src")).doesNotContain(ignored.trim());
    }
  }

  static List<String> command(JsonNode service) {
    List<String> command = new ArrayList<>();
    service.path("command").forEach(c -> command.add(c.asText()));
    return command;
  }

  /** Container path to host path (relative to the repository) of a service's bind mounts. */
  static Map<String, String> mounts(JsonNode service) {
    Map<String, String> mounts = new HashMap<>();
    for (JsonNode v : service.path("volumes")) {
      String[] parts = v.asText().split(":");
      if (parts[0].startsWith(".")) {
        mounts.put(parts[1], DOCKER.resolve(parts[0]).normalize().toString());
      }
    }
    return mounts;
  }

  /** The services {@code service} depends on, in either form (a list, or a map of conditions). */
  static List<String> dependencies(JsonNode service) {
    List<String> names = new ArrayList<>();
    JsonNode dependsOn = service.path("depends_on");
    if (dependsOn.isArray()) {
      dependsOn.forEach(d -> names.add(d.asText()));
    } else {
      dependsOn.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static String containerPath(Map<String, String> mounts, String host) {
    return mounts.entrySet().stream().filter(e -> Path.of(e.getValue()).normalize().equals(Path.of(host)
        .normalize())).map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new AssertionError("nothing mounts " + host + " (mounts: " + mounts + ")"));
  }
}
