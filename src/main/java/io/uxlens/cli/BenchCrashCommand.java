package io.uxlens.cli;

import io.uxlens.bench.CrashBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench crash}: SIGKILL a serving process under load, restart it, and count what was lost. */
@Command(name = "crash", mixinStandardHelpOptions = true,
    description = "Runs uxlens serve in its own JVM under Segment, OTLP and feedback clients that resend until "
        + "acknowledged, SIGKILLs and restarts it, then counts acknowledged records missing or duplicated and "
        + "compares the attempts with a clean rebuild; exits 1 unless all are zero.")
public final class BenchCrashCommand implements Callable<Integer> {
  @Option(names = "--cycles", defaultValue = "10", description = "Kill and restart cycles (default ${DEFAULT-VALUE}).")
  int cycles;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the kill moments (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--min-up-ms", defaultValue = "1000", description = "Shortest uptime before a kill (default "
      + "${DEFAULT-VALUE}).")
  long minUpMs;

  @Option(names = "--max-up-ms", defaultValue = "5000", description = "Longest uptime before a kill (default "
      + "${DEFAULT-VALUE}).")
  long maxUpMs;

  @Option(names = "--dir", description = "Working folder for the store and the server log (default: a temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (cycles < 1 || minUpMs < 0 || maxUpMs < minUpMs) {
      throw new Main.UsageProblem("--cycles must be at least 1 and 0 <= --min-up-ms <= --max-up-ms");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-crash");
    CrashBench.Result r = new CrashBench(cycles, seed, Duration.ofMillis(minUpMs), Duration.ofMillis(maxUpMs),
        System.err).run(work);
    System.out.printf("cycles                 %d SIGKILLs under load, %.0f s in all, %,d resends%n", r.cycles(),
        r.seconds(), r.resends());
    System.out.printf("acknowledged           %s%n", r.acknowledged());
    System.out.printf("stored                 %s%n", r.stored());
    System.out.printf("acknowledged missing   %d%n", r.missing());
    System.out.printf("duplicates             %d%n", r.duplicates());
    System.out.printf("stored, never acked    %d%n", r.unexpected());
    System.out.printf("attempts               %d after the crashes, %d rebuilt from the stored events, %d differ%n",
        r.attempts(), r.attemptsRebuilt(), r.attemptsDiffering());
    boolean clean = r.missing() == 0 && r.duplicates() == 0 && r.unexpected() == 0 && r.attemptsDiffering() == 0
        && r.stored().equals(r.acknowledged());
    return clean ? 0 : 1;
  }
}
