package io.uxlens.importer;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code uxlens import FILE...}: history from exports into a running UX Lens, through its public ingest endpoints. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports history (Segment archives, Mixpanel and Amplitude exports, OTLP JSON lines, feedback CSV) "
        + "into a running UX Lens through its ingest endpoints. See docs/IMPORT.md.",
        "Exit codes: 0 all accepted, 1 some records rejected, 2 usage error, 3 stopped before the end (resume with "
            + "--resume)."})
public final class ImportCommand implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_REJECTED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_STOPPED = 3;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, directories, globs, or - for standard input.")
  List<String> files;

  @Option(names = "--url", defaultValue = "${env:UXLENS_URL:-http://localhost:8080}",
      description = "UX Lens base URL (default ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--write-key", defaultValue = "${env:UXLENS_WRITE_KEY}", description = "Ingest write key.")
  String writeKey;

  @Option(names = "--read-token", defaultValue = "${env:UXLENS_READ_TOKEN}",
      description = "Read token of the server, if it has one: needed to wait for journeys (status details).")
  String readToken;

  @Option(names = "--format", description = "segment, mixpanel, amplitude, otlp or feedback-csv (default: detected "
      + "from each file's first line).")
  String format;

  @Option(names = "--map", split = ",", paramLabel = "KEY=COLUMN",
      description = "Feedback CSV columns: score, text, time, kind (a column or nps|csat|ces|text|ticket), user, "
          + "session, journey, id, tags.")
  Map<String, String> map = new LinkedHashMap<>();

  @Option(names = "--time-format", description = "Layout of CSV times that are not ISO-8601 or epoch, e.g. "
      + "'MM/dd/yyyy HH:mm' (java.time pattern).")
  String timeFormat;

  @Option(names = "--time-zone", defaultValue = "UTC", description = "Zone of CSV times without an offset "
      + "(default ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(names = "--dry-run", description = "Parse, map and check every record with the server's rules; send nothing.")
  boolean dryRun;

  @Option(names = "--resume", description = "Skip what the checkpoint says the server acknowledged.")
  boolean resume;

  @Option(names = "--checkpoint", defaultValue = "uxlens-import.checkpoint.json",
      description = "Checkpoint file (default ${DEFAULT-VALUE}); deleted when the import completes.")
  Path checkpoint;

  @Option(names = "--rejects-dir", defaultValue = ".", description = "Folder for NAME.rejects.EXT files (default: "
      + "the current folder).")
  Path rejectsDir;

  @Option(names = "--parallel", defaultValue = "4", description = "Requests in flight (default ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--retries", defaultValue = "8", description = "Retries of a request on network errors and "
      + "503/502/504/429, with backoff (default ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, plain (a line every 5 s) or off.")
  String progress;

  @Option(names = "--wait-journeys", defaultValue = "600", paramLabel = "SECONDS",
      description = "Wait this long for journeys to include the import; 0 to not wait (default ${DEFAULT-VALUE}).")
  long waitJourneys;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final CountDownLatch reported = new CountDownLatch(1);
  private volatile Importer importer;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    List<Inputs.Input> inputs;
    try {
      inputs = Inputs.expand(files);
      importer = new Importer(settings(), destination(err), err);
    } catch (UsageException e) {
      err.println("uxlens import: " + e.getMessage());
      return EXIT_USAGE;
    }
    Importer running = importer;
    Thread hook = new Thread(() -> {
      running.stop();
      try {
        reported.await(120, TimeUnit.SECONDS); // the batches in flight finish and the checkpoint is saved
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "uxlens-import-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Importer.Result result;
      try {
        result = running.run(inputs);
      } catch (UsageException e) {
        err.println("uxlens import: " + e.getMessage());
        return EXIT_USAGE;
      }
      return new Summary(out, err, dryRun, checkpoint, resumeCommand()).print(result, running.errors(),
          () -> waitForJourneys(result, err));
    } finally {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): the hook is running and has been released above
      }
    }
  }

  private Importer.Settings settings() {
    if (parallel < 1 || parallel > 64) {
      throw new UsageException("--parallel must be between 1 and 64");
    }
    if (retries < 0) {
      throw new UsageException("--retries must not be negative");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (java.time.DateTimeException e) {
      throw new UsageException("--time-zone: unknown zone '" + timeZone + "'");
    }
    if (timeFormat != null) {
      try {
        java.time.format.DateTimeFormatter.ofPattern(timeFormat);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--time-format: " + e.getMessage());
      }
    }
    Progress.Mode mode;
    try {
      mode = Progress.Mode.valueOf(progress.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--progress must be auto, bar, plain or off; got '" + progress + "'");
    }
    return new Importer.Settings(format == null ? null : Format.byName(format), map, timeFormat, zone, parallel,
        rejectsDir, checkpoint, resume, dryRun, mode);
  }

  private Destination destination(PrintStream err) {
    if (dryRun) {
      return new DryRunDestination();
    }
    if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
      throw new UsageException("--url must be an http(s) URL; got '" + url + "'");
    }
    String key = writeKey == null || writeKey.isBlank() ? null : writeKey.split(",")[0].strip();
    return new HttpDestination(url, key, retries, () -> importer != null && importer.stopping(), notice -> err.println("uxlens import: " + notice));
  }

  private JourneyWait.Outcome waitForJourneys(Importer.Result result, PrintStream err) throws InterruptedException {
    if (dryRun || waitJourneys <= 0 || !result.finished() || result.tally().accepted.get() == 0) {
      return null;
    }
    return new JourneyWait(url, readToken).await(Duration.ofSeconds(waitJourneys),
        Progress.Mode.valueOf(progress.toUpperCase(java.util.Locale.ROOT)), err);
  }

  /** The command line to continue an interrupted import. */
  private String resumeCommand() {
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    List<String> args = all.subList(all.indexOf(spec.name()) + 1, all.size()); // after "import"
    StringBuilder sb = new StringBuilder("uxlens import");
    if (!args.contains("--resume")) {
      sb.append(" --resume");
    }
    for (String a : args) {
      sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
