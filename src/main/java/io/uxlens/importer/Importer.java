package io.uxlens.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Streams each input (one at a time, never read whole), groups records into batches sized to the server's limits and
 * keeps {@code parallel} requests in flight, with at most twice that many batches in memory. {@link #stop()} (the
 * Ctrl-C hook) stops reading; the batches in flight finish and the checkpoint records what was acknowledged.
 */
final class Importer {
  /** How the import was asked to run. */
  record Settings(Format format, Map<String, String> map, String timeFormat, ZoneId zone, int parallel,
      Path rejectsDir, Path checkpoint, boolean resume, boolean dryRun, Progress.Mode progress) {}

  /** How it ended: {@code stopReason} is null when every input was read and answered. */
  record Result(Tally tally, String stopReason, boolean usageStop, List<Path> rejectFiles, double seconds,
      boolean interrupted) {
    boolean finished() {
      return stopReason == null;
    }
  }

  private static final int DETECT_LIMIT = 9 * 1024 * 1024;

  private final Settings settings;
  private final Destination destination;
  private final PrintStream err;
  private final Tally tally = new Tally();
  private final ErrorReport errors;
  private final List<Path> rejectFiles = new ArrayList<>();
  private volatile boolean stopping;
  private volatile boolean interrupted;
  private volatile String failure;
  private volatile boolean usageFailure;

  Importer(Settings settings, Destination destination, PrintStream err) {
    this.settings = settings;
    this.destination = destination;
    this.err = err;
    this.errors = new ErrorReport(err, Progress.resolve(settings.progress()) == Progress.Mode.BAR);
  }

  /** Ctrl-C: read nothing more; the batches in flight finish and are checkpointed. */
  void stop() {
    interrupted = true;
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  Tally tally() {
    return tally;
  }

  ErrorReport errors() {
    return errors;
  }

  Result run(List<Inputs.Input> inputs) throws IOException, InterruptedException {
    Checkpoint checkpoint = settings.dryRun() ? Checkpoint.none()
        : settings.resume() ? Checkpoint.load(settings.checkpoint()) : Checkpoint.fresh(settings.checkpoint());
    if (settings.resume() && checkpoint.isEmpty()) {
      err.println("no checkpoint at " + settings.checkpoint() + "; importing from the start (ids make re-sent "
          + "records count once)");
    }
    long total = inputs.stream().anyMatch(Inputs.Input::stdin) ? -1
        : inputs.stream().mapToLong(Inputs.Input::size).sum();
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
      Thread t = new Thread(r, "uxlens-import");
      t.setDaemon(true);
      return t;
    });
    Semaphore permits = new Semaphore(settings.parallel() * 2);
    Progress progress = new Progress(settings.dryRun() ? "check" : "import", settings.progress(), total, tally,
        settings.dryRun(), err);
    try {
      long before = 0;
      for (Inputs.Input input : inputs) {
        if (stopping) {
          break;
        }
        try {
          importOne(input, checkpoint, pool, permits, progress, before);
        } catch (IOException e) { // unreadable, or a gzip stream cut short: what was answered stays checkpointed
          fail(input.name() + ": cannot read on: " + e.getMessage(), false);
        }
        before += Math.max(0, input.size());
      }
    } catch (UsageException e) {
      fail(e.getMessage(), true);
    } finally {
      permits.acquire(settings.parallel() * 2);
      pool.shutdown();
      progress.close();
      if (failure == null && !interrupted) {
        checkpoint.delete();
      } else {
        checkpoint.save();
      }
    }
    String stopReason = failure != null ? failure : interrupted ? "interrupted" : null;
    return new Result(tally, stopReason, usageFailure, rejectFiles, progress.seconds(), interrupted);
  }

  private void fail(String why, boolean usage) {
    if (failure == null) {
      failure = why;
      usageFailure = usage;
    }
    stopping = true;
  }

  private void importOne(Inputs.Input input, Checkpoint checkpoint, ExecutorService pool, Semaphore permits,
      Progress progress, long bytesBefore) throws IOException, InterruptedException {
    Checkpoint.Entry from = settings.resume() ? checkpoint.resumeFrom(input) : null;
    if (from != null && from.done()) {
      err.println(input.name() + ": already imported (checkpoint); skipped");
      return;
    }
    long resumeLine = from == null ? 0 : from.line();
    Inputs.Opened opened = Inputs.open(input);
    String first = firstLine(opened.content());
    if (first == null) {
      opened.close();
      err.println(input.name() + ": empty; skipped");
      return;
    }
    Format format = settings.format() != null ? settings.format() : Format.detect(first);
    if (format == null) {
      opened.close();
      throw new UsageException(input.name() + ": cannot tell the format from the first line; use --format ("
          + Format.names() + ")");
    }
    RowSource source;
    RowMapper mapper;
    org.apache.commons.csv.CSVFormat csv = null;
    if (format == Format.FEEDBACK_CSV) {
      CsvRows rows = null;
      try {
        rows = new CsvRows(opened);
        mapper = new FeedbackColumns(rows.header(), settings.map(), settings.timeFormat(), settings.zone());
      } catch (UsageException e) {
        (rows != null ? rows : opened).close();
        throw new UsageException(input.name() + ": " + e.getMessage());
      }
      source = rows;
      csv = rows.rejectsFormat();
    } else {
      source = new NdjsonRows(opened);
      mapper = switch (format) {
        case MIXPANEL -> new MixpanelLines();
        case AMPLITUDE -> new AmplitudeLines();
        case OTLP -> new OtlpLines();
        default -> new SegmentLines();
      };
    }
    Path rejectsPath = RejectsFile.pathFor(settings.rejectsDir(), input, format);
    if (from == null) {
      Files.deleteIfExists(rejectsPath); // a fresh run's rejects replace an earlier run's
    }
    BatchSender sender = new BatchSender(format, mapper, destination);
    try (source; RejectsFile rejects = new RejectsFile(rejectsPath, csv, from == null ? 0 : from.rejectsBytes())) {
      Ledger ledger = new Ledger(input, resumeLine, rejects, checkpoint, tally, errors);
      boolean readToEnd = read(input, source, format, sender, ledger, pool, permits, progress, bytesBefore,
          resumeLine);
      permits.acquire(settings.parallel() * 2); // every batch of this input answered
      permits.release(settings.parallel() * 2);
      ledger.save(readToEnd && failure == null && !stopping);
      if (rejects.opened()) {
        rejectFiles.add(rejectsPath);
      }
    }
  }

  /** Reads records into batches and hands them to the workers; true when the input was read to its end. */
  private boolean read(Inputs.Input input, RowSource source, Format format, BatchSender sender, Ledger ledger,
      ExecutorService pool, Semaphore permits, Progress progress, long bytesBefore, long resumeLine)
      throws IOException, InterruptedException {
    int budget = format.maxBodyBytes * 4 / 5; // estimated before mapping; BatchSender splits what still overflows
    int seq = 0;
    List<Row> pending = new ArrayList<>();
    long pendingBytes = 0;
    Row row;
    while (!stopping) {
      try {
        row = source.next();
      } catch (CsvRows.CsvBroken e) {
        errors.report(input.name(), e.line, "body", e.getMessage() + " (the rest of the file was not read)");
        tally.rejectedRecords.incrementAndGet();
        break;
      }
      if (row == null) {
        break;
      }
      if (row.line() <= resumeLine) {
        tally.skipped.incrementAndGet();
        continue;
      }
      tally.records.incrementAndGet();
      if (!pending.isEmpty() && (pending.size() >= format.maxItems || pendingBytes + row.estimatedBytes() > budget)) {
        submit(new Ledger.Batch(seq++, pending), sender, ledger, pool, permits);
        progress.bytes(bytesBefore + source.bytesRead());
        pending = new ArrayList<>();
        pendingBytes = 0;
      }
      pending.add(row);
      pendingBytes += row.estimatedBytes();
    }
    boolean atEnd = !stopping;
    if (!pending.isEmpty() && atEnd) {
      submit(new Ledger.Batch(seq, pending), sender, ledger, pool, permits);
    }
    progress.bytes(bytesBefore + source.bytesRead());
    return atEnd;
  }

  private void submit(Ledger.Batch batch, BatchSender sender, Ledger ledger, ExecutorService pool, Semaphore permits)
      throws InterruptedException {
    permits.acquire();
    pool.execute(() -> {
      try {
        if (failure == null) { // after Ctrl-C the batches already taken still go; after a failure none do
          ledger.answered(batch, sender.send(batch));
        }
      } catch (BatchSender.Fatal e) {
        fail(e.getMessage(), e.status == 401 || e.status == 403);
      } catch (Destination.Unavailable e) {
        fail(e.getMessage(), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted", false);
      } catch (RuntimeException | Error e) { // fail loudly; a silently dead worker would stall the import
        fail("unexpected failure: " + e, false);
      } finally {
        permits.release();
      }
    });
  }

  /** The first line (up to the detection limit) without consuming it. */
  private static String firstLine(InputStream in) throws IOException {
    in.mark(DETECT_LIMIT + 1);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    boolean any = false;
    while ((b = in.read()) >= 0 && line.size() < DETECT_LIMIT) {
      any = true;
      if (b == '\n') {
        if (line.toString(StandardCharsets.UTF_8).isBlank()) {
          line.reset();
          continue;
        }
        break;
      }
      line.write(b);
    }
    in.reset();
    String s = line.toString(StandardCharsets.UTF_8);
    return !any || s.isBlank() ? null : s;
  }
}
