package io.uxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.server.RateLimiter;
import io.uxlens.server.Safeguards;
import io.uxlens.testing.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hardening options of {@code uxlens serve}: bad values are usage errors (exit 2, one line), good ones parse. */
class ServeSafeguardOptionsTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  @TempDir Path dir;

  @Test
  void badValuesExitTwoWithOneLine() throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    String db = dir.resolve("u.db").toString();
    assertThat(Main.run("serve", "--db", db, "--tls-cert", cert.toString())).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --tls-cert and --tls-key go together: give both or neither");
    console.reset();
    assertThat(Main.run("serve", "--db", db, "--tls-cert", cert.toString(), "--tls-key", cert.toString()))
        .isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: ").contains("c.pem");
    console.reset();
    assertThat(Main.run("serve", "--db", db, "--rate-limit", "lots")).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: --rate-limit: ").contains("'lots'");
    console.reset();
    assertThat(Main.run("serve", "--db", db, "--write-key", "k1,k2", "--read-token", "k2")).isEqualTo(2);
    assertThat(console.err()).isEqualTo("uxlens: --read-token must differ from every --write-key: a write key may "
        + "not read");
  }

  @Test
  void goodValuesParse() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--metrics-token", "m", "--mask-pii", "--rate-limit", "200:1000");
    Safeguards s = serve.safeguards();
    assertThat(s.metricsToken()).isEqualTo("m");
    assertThat(s.maskPii()).isTrue();
    assertThat(s.rateLimit()).isEqualTo(new RateLimiter.Limit(200, 1000));
    assertThat(RateLimiter.Limit.parse("50").burst()).isEqualTo(50);
  }
}
