package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.ConsoleCapture;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** --prometheus-url: an http(s) URL reaches the server config; anything else is a usage error (exit 2). */
class ServePrometheusOptionTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void aUrlReachesTheConfigAndItsAbsenceLeavesNone() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--prometheus-url", "http://prometheus:9090");
    assertThat(serve.config().prometheusUrl()).isEqualTo(URI.create("http://prometheus:9090"));
    ServeCommand none = new ServeCommand();
    new CommandLine(none).parseArgs();
    assertThat(none.config().prometheusUrl()).isNull();
  }

  @Test
  void somethingElseExitsTwoNamingTheOption() {
    assertThat(Main.run("serve", "--prometheus-url", "prometheus:9090")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --prometheus-url must be an http(s) URL such as "
        + "http://prometheus:9090; got 'prometheus:9090'");
  }
}
