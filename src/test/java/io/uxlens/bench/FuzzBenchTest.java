package io.uxlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 seeded hostile cases over every endpoint that takes input, in process and over keep-alive HTTP: no 5xx, every
 * 4xx names a field and a rule, every unmutated seed is accepted, and what the 2xx answers accepted is what the store
 * holds. {@code uxlens bench fuzz --cases N --seed S} runs more.
 */
class FuzzBenchTest {
  @TempDir Path dir;

  @Test
  void tenThousandHostileCasesGetOnly2xxOrA4xxNamingFieldAndRule() throws Exception {
    FuzzBench.Result r = new FuzzBench(Integer.getInteger("fuzz.cases", 10_000), 20261201L, 4, null).run(dir);
    System.out.println("fuzz: " + r.cases() + " cases in " + r.seconds() + " s, " + r.classes() + " " + r.statuses()
        + ", slowest " + r.slowestMillis() + " ms: " + r.slowestCase() + ", retried " + r.retried() + " " + r.byEndpoint() + " " + r.stored());
    assertThat(r.failures()).isEmpty();
    assertThat(r.cases()).isGreaterThanOrEqualTo(10_000);
    assertThat(r.controls()).as("every seed once plus one case in 100").isGreaterThan(r.seeds() + 90);
    assertThat(r.classes()).containsKeys("2xx", "4xx").doesNotContainKey("5xx");
    assertThat(r.classes().get("4xx")).as("most mutations are refused").isGreaterThan(r.cases() / 5);
    assertThat(r.stored().get("events")).as("valid parts were stored").isGreaterThan(1_000);
    assertThat(r.accepted()).isEqualTo(r.stored());
  }
}
