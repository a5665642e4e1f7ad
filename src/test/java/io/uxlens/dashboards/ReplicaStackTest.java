package io.uxlens.dashboards;

import static io.uxlens.dashboards.StackFilesTest.DOCKER;
import static io.uxlens.dashboards.StackFilesTest.command;
import static io.uxlens.dashboards.StackFilesTest.dependencies;
import static io.uxlens.dashboards.StackFilesTest.inProfile;
import static io.uxlens.dashboards.StackFilesTest.mounts;
import static io.uxlens.dashboards.StackFilesTest.replicaTargets;
import static io.uxlens.dashboards.StackFilesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compose profile "postgres": PostgreSQL, several UX Lens instances on it behind an nginx balancer, and a
 * Prometheus and Grafana of their own. Docker cannot run here, so the files are checked for agreement: every
 * instance has the same database URL without a password, the password comes from one variable, the balancer and
 * Prometheus reach exactly the instances, and the shared provisioning files' host names reach the balancer and
 * that Prometheus on the profile's network, never the default stack.
 */
class ReplicaStackTest {
  static final String PROFILE = "postgres";
  static final String NETWORK = "replicas";
  static final Pattern PASSWORD_VARIABLE = Pattern.compile("\\$\\{UXLENS_DB_PASSWORD:-[^}]+}");

  @Test
  void thePostgresProfileRunsSeveralInstancesOnOneDatabaseBehindTheBalancer() throws IOException {
    JsonNode compose = yaml(DOCKER.resolve("docker-compose.yml"));
    JsonNode services = compose.path("services");
    Map<String, JsonNode> profile = new LinkedHashMap<>();
    services.properties().forEach(s -> {
      if (inProfile(s.getValue(), PROFILE)) {
        profile.put(s.getKey(), s.getValue());
      } else {
        assertThat(s.getValue().has("networks")).as("%s stays on the default network", s.getKey()).isFalse();
        assertThat(s.getValue().path("profiles").isEmpty()).as(s.getKey()).isTrue();
      }
    });
    assertThat(compose.path("networks").has(NETWORK)).isTrue();
    Map<String, String> aliases = new LinkedHashMap<>();
    profile.forEach((name, service) -> {
      JsonNode networks = service.path("networks");
      List<String> joined = new ArrayList<>();
      if (networks.isArray()) {
        networks.forEach(n -> joined.add(n.asText()));
      } else {
        networks.fieldNames().forEachRemaining(joined::add);
        networks.path(NETWORK).path("aliases").forEach(a -> assertThat(aliases.put(a.asText(), name))
            .as("alias %s given twice", a).isNull());
      }
      assertThat(joined).as("%s: only on the profile's network", name).containsExactly(NETWORK);
    });
    // The shared provisioning files name http://uxlens:8080 and http://prometheus:9090.
    assertThat(aliases).containsExactlyInAnyOrderEntriesOf(Map.of("uxlens", "lb", "prometheus",
        "prometheus-replicas"));

    // PostgreSQL, with a health check the instances wait for.
    JsonNode postgres = profile.get("postgres");
    assertThat(postgres.path("image").asText()).startsWith("postgres:");
    assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
    String password = postgres.path("environment").path("POSTGRES_PASSWORD").asText();
    assertThat(password).matches(PASSWORD_VARIABLE);

    // Every instance: the same URL, no password in it, the password from the one variable.
    List<String> targets = replicaTargets(services);
    assertThat(targets).hasSizeGreaterThanOrEqualTo(2);
    List<String> commands = new ArrayList<>();
    for (String target : targets) {
      String name = target.substring(0, target.indexOf(':'));
      JsonNode instance = profile.get(name);
      List<String> command = command(instance);
      commands.add(command.get(0));
      String url = command.get(command.indexOf("--db") + 1);
      assertThat(databaseUrlProblems(url, postgres)).as("%s --db %s", name, url).isEmpty();
      assertThat(instance.path("environment").path("UXLENS_DB_PASSWORD").asText()).as(name).isEqualTo(password);
      assertThat(instance.path("depends_on").path("postgres").path("condition").asText()).as(name)
          .isEqualTo("service_healthy");
      assertThat(instance.has("ports")).as("%s is reached through the balancer only", name).isFalse();
    }
    assertThat(commands).as("one instance may load the demo; the others serve").contains("serve")
        .filteredOn("demo"::equals).hasSizeLessThanOrEqualTo(1);
    assertThat(commands).allMatch(c -> c.equals("demo") || c.equals("serve"));

    // The balancer: exactly the instances, on the port the data sources use, after them.
    JsonNode lb = profile.get("lb");
    Path conf = Path.of(mounts(lb).get("/etc/nginx/conf.d/default.conf"));
    Nginx nginx = Nginx.read(Files.readString(conf));
    assertThat(nginx.upstream()).containsExactlyInAnyOrderElementsOf(targets);
    assertThat(lb.path("ports").get(0).asText()).endsWith(":" + nginx.listen());
    assertThat(StackFilesTest.datasources().get("uxlens-infinity").path("url").asText())
        .isEqualTo("http://uxlens:" + nginx.listen());
    assertThat(nginx.readTimeoutSeconds()).as("above UX Lens' --query-timeout of 25 s").isGreaterThan(25);
    assertThat(dependencies(lb)).containsExactlyInAnyOrderElementsOf(targets.stream()
        .map(t -> t.substring(0, t.indexOf(':'))).toList());

    // Prometheus and Grafana of the profile.
    assertThat(StackFilesTest.datasources().get("prometheus").path("url").asText())
        .endsWith(":" + profile.get("prometheus-replicas").path("ports").get(0).asText().split(":")[1]);
    assertThat(dependencies(profile.get("grafana-replicas"))).contains("lb", "prometheus-replicas");

    // No database password written into a URL in the stack or the docs.
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    for (Path dir : List.of(DOCKER, Path.of("docs"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assertThat(files).contains(DOCKER.resolve("docker-compose.yml"), Path.of("docs/SCALING.md"));
    for (Path f : files) {
      Matcher m = Pattern.compile("postgresql://([^\\s\"'`/@]*)@").matcher(Files.readString(f));
      while (m.find()) {
        assertThat(m.group(1)).as("%s: %s", f, m.group()).doesNotContain(":");
      }
    }
  }

  @Test
  void aPasswordOrAWrongDatabaseInTheUrlIsCaught() throws IOException {
    JsonNode postgres = yaml(DOCKER.resolve("docker-compose.yml")).path("services").path("postgres");
    assertThat(databaseUrlProblems("postgresql://uxlens@postgres:5432/uxlens", postgres)).as("control").isEmpty();
    assertThat(databaseUrlProblems("postgresql://uxlens:secret@postgres:5432/uxlens", postgres))
        .containsExactly("a password in the URL");
    assertThat(databaseUrlProblems("postgresql://other@postgres:5432/uxlens", postgres))
        .containsExactly("user other, but the server creates uxlens");
    assertThat(databaseUrlProblems("postgresql://uxlens@postgres:5432/demo", postgres))
        .containsExactly("database demo, but the server creates uxlens");
    assertThat(databaseUrlProblems("postgresql://uxlens@db:5432/uxlens", postgres))
        .containsExactly("host db is not the postgres service");
    assertThat(databaseUrlProblems("/app/data/demo.db", postgres)).containsExactly("not a postgresql:// URL");
  }

  /** What is wrong with {@code url} as the URL of the compose file's {@code postgres} service. */
  static List<String> databaseUrlProblems(String url, JsonNode postgres) {
    List<String> problems = new ArrayList<>();
    if (!url.startsWith("postgresql://")) {
      return List.of("not a postgresql:// URL");
    }
    URI uri = URI.create(url);
    String user = uri.getUserInfo() == null ? "" : uri.getUserInfo();
    if (user.contains(":")) {
      problems.add("a password in the URL");
      user = user.substring(0, user.indexOf(':'));
    }
    JsonNode env = postgres.path("environment");
    if (!user.equals(env.path("POSTGRES_USER").asText())) {
      problems.add("user " + user + ", but the server creates " + env.path("POSTGRES_USER").asText());
    }
    String database = uri.getPath().substring(1);
    if (!database.equals(env.path("POSTGRES_DB").asText())) {
      problems.add("database " + database + ", but the server creates " + env.path("POSTGRES_DB").asText());
    }
    if (!"postgres".equals(uri.getHost())) {
      problems.add("host " + uri.getHost() + " is not the postgres service");
    }
    if (uri.getPort() != 5432) {
      problems.add("port " + uri.getPort() + " is not PostgreSQL's 5432");
    }
    return problems;
  }

  /** The few directives of docker/nginx/*.conf this stack relies on. */
  record Nginx(List<String> upstream, int listen, int readTimeoutSeconds) {
    static Nginx read(String conf) {
      String text = conf.replaceAll("#[^\n]*", "");
      Matcher block = Pattern.compile("upstream\\s+(\\w+)\\s*\\{([^}]*)}").matcher(text);
      assertThat(block.find()).as("an upstream block").isTrue();
      assertThat(text).contains("proxy_pass http://" + block.group(1) + ";");
      List<String> servers = new ArrayList<>();
      Matcher server = Pattern.compile("(?m)^\\s*server\\s+(\\S+?)[\\s;]").matcher(block.group(2));
      while (server.find()) {
        servers.add(server.group(1));
      }
      Matcher listen = Pattern.compile("listen\\s+(\\d+)\\s*;").matcher(text);
      assertThat(listen.find()).as("listen").isTrue();
      Matcher timeout = Pattern.compile("proxy_read_timeout\\s+(\\d+)s\\s*;").matcher(text);
      assertThat(timeout.find()).as("proxy_read_timeout in seconds").isTrue();
      return new Nginx(servers, Integer.parseInt(listen.group(1)), Integer.parseInt(timeout.group(1)));
    }
  }
}
