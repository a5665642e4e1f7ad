package io.uxlens.cli;

import io.uxlens.bench.OverloadBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code uxlens bench overload}: a burst far above capacity, with a probe before, during and after it. */
@Command(name = "overload", mixinStandardHelpOptions = true,
    description = "Clients send large Segment batches without pause while a probe measures latency before, during "
        + "and after; exits 1 on a timeout, a status other than 200/429/503, or a refusal without Retry-After.")
public final class BenchOverloadCommand implements Callable<Integer> {
  @Option(names = "--clients", defaultValue = "96", description = "Burst clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "20", description = "Burst length (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--probe-seconds", defaultValue = "5",
      description = "Probe before and after the burst (default ${DEFAULT-VALUE}).")
  int probeSeconds;

  @Option(names = "--dir", description = "Working folder for the SQLite file (default: a new temp folder).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || seconds < 1 || probeSeconds < 1) {
      throw new Main.UsageProblem("--clients, --seconds and --probe-seconds must be at least 1");
    }
    Path work = dir != null ? dir : Files.createTempDirectory("uxlens-overload");
    OverloadBench.Result r = new OverloadBench(clients, Duration.ofSeconds(seconds), Duration.ofSeconds(probeSeconds),
        System.err).run(work);
    System.out.printf("burst            %d clients x %d s of 2,000-event batches: %s%n", clients, seconds,
        r.statuses());
    System.out.printf("accepted         %,d events (%d batches), p50 %.0f ms, p99 %.0f ms%n", r.acceptedEvents(),
        r.accepted().answers(), r.accepted().p50Ms(), r.accepted().p99Ms());
    System.out.printf("refused 503/429  %d, p50 %.0f ms, p99 %.0f ms, %d without Retry-After%n",
        r.refusals().answers(), r.refusals().p50Ms(), r.refusals().p99Ms(), r.refusedWithoutRetryAfter());
    System.out.printf("timeouts, errors %d, %d%n", r.timeouts(), r.ioErrors());
    System.out.printf("probe p50 / p99  before %.0f / %.0f ms, during %.0f / %.0f ms, after %.0f / %.0f ms "
        + "(after/before p99: %.2f)%n", r.before().p50Ms(), r.before().p99Ms(), r.probeDuring().p50Ms(),
        r.probeDuring().p99Ms(), r.after().p50Ms(), r.after().p99Ms(), r.after().p99Ms() / r.before().p99Ms());
    System.out.printf("heap             before %d MB, highest during %d MB, after GC %d MB; resident %d MB "
        + "(max heap %d MB; clients and the server share this JVM)%n", r.heapBeforeMb(), r.heapMaxDuringMb(), r.heapAfterGcMb(),
        r.rssMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    boolean clean = r.timeouts() == 0 && r.ioErrors() == 0 && r.refusedWithoutRetryAfter() == 0
        && r.statuses().keySet().stream().allMatch(s -> s == 200 || s == 429 || s == 503);
    return clean ? 0 : 1;
  }
}
