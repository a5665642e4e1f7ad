package io.uxlens.cli;

import io.uxlens.bench.FuzzBench;
import io.uxlens.bench.HostileClients;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench fuzz}: hostile input on every endpoint, gzip bombs and slow clients, against a fresh store. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Seeded hostile requests derived from valid bodies on every endpoint, then gzip bombs and "
        + "trickling clients; exits 1 if any answer is a 5xx, a 4xx without field and rule, or a refused control.")
public final class BenchFuzzCommand implements Callable<Integer> {
  @Option(names = "--cases", defaultValue = "10000", description = "Mutated cases (default ${DEFAULT-VALUE}).")
  int cases;

  @Option(names = "--seed", defaultValue = "20261201", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--slow-clients", defaultValue = "20",
      description = "Trickling connections, headers then body; 0 skips (default ${DEFAULT-VALUE}).")
  int slowClients;

  @Option(names = "--dir", description = "Working folder for the SQLite file (default: a new temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (cases < 0 || clients < 1 || slowClients < 0) {
      throw new Main.UsageProblem("--cases and --slow-clients must be 0 or more, --clients at least 1");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-fuzz");
    Files.createDirectories(work);
    boolean clean;
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(work.resolve("fuzz.db")))) {
      FuzzBench.Result r = new FuzzBench(cases, seed, clients, System.err).run(server.uri());
      System.out.printf("cases            %,d (%,d mutated, seed %d; %d seeds; %,d controls) in %.1f s%n", r.cases(),
          cases, seed, r.seeds(), r.controls(), r.seconds());
      System.out.printf("status classes   %s%n", r.classes());
      System.out.printf("statuses         %s%n", r.statuses());
      for (Map.Entry<String, Map<String, Integer>> e : r.byEndpoint().entrySet()) {
        System.out.printf("  %-24s %s%n", e.getKey(), e.getValue());
      }
      System.out.printf("slowest answer   %d ms: %s%n", r.slowestMillis(), r.slowestCase());
      System.out.printf("accepted/stored  %s / %s%n", r.accepted(), r.stored());
      System.out.printf("client retries   %d (connection closed before any answer; retried once)%n", r.retried());
      for (HostileClients.Bomb b : HostileClients.gzipBombs(server.uri())) {
        System.out.printf("gzip bomb        %s: %,d bytes inflating to %,d: %d in %.0f ms (inflating it whole here: "
            + "%.0f ms)%n", b.path(), b.wireBytes(), b.inflatedBytes(), b.status(), b.answerMs(), b.inflateWholeMs());
        clean = b.status() == 413;
        if (!clean) {
          r.failures().add("gzip bomb on " + b.path() + " answered " + b.status());
        }
      }
      for (boolean headers : slowClients == 0 ? new boolean[0] : new boolean[] {true, false}) {
        HostileClients.Trickle t = HostileClients.trickle(server.uri(), slowClients, headers, Duration.ofSeconds(60));
        System.out.printf("trickled %-7s %d of %d cut off, the last after %.1f s; a normal client meanwhile: worst "
            + "%.0f ms, %d of %d failed%n", t.what(), t.cutOff(), t.clients(), t.slowestCutOffSeconds(),
            t.normalWorstMs(), t.normalFailures(), t.normalRequests());
        if (t.cutOff() != t.clients() || t.normalFailures() > 0) {
          r.failures().add("trickled " + t.what() + ": " + t.cutOff() + " of " + t.clients() + " cut off, "
              + t.normalFailures() + " normal requests failed");
        }
      }
      r.failures().forEach(f -> System.out.println("FAILED           " + f));
      clean = r.failures().isEmpty();
    }
    return clean ? 0 : 1;
  }
}
