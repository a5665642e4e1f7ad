package io.uxlens.bench;

import io.uxlens.importer.ArchiveImport;
import io.uxlens.server.ServerConfig;
import io.uxlens.server.UxLensServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * {@code uxlens bench import}: in one run, {@code bench ingest}'s HTTP measurement (pre-built Segment batches, no
 * client-side work) and an import of a generated Segment archive of the same number of events, each against a
 * fresh store, so the ratio says what reading, mapping and batching a file costs on top of the wire path.
 */
public final class ImportBench {
  public record Result(long events, long archiveBytes, double ingestEventsPerSecond, double importEventsPerSecond,
      long importAccepted) {
    public double ratio() {
      return importEventsPerSecond / ingestEventsPerSecond;
    }
  }

  private static final long START = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();
  private static final String[] NAMES = {"Import Started", "File Uploaded", "Columns Mapped", "Import Completed",
      "Row Rejected", "Checkout Started", "Payment Submitted", "Order Completed"};
  private static final String[] VERSIONS = {"2.3.0", "2.4.0", "2.4.1"};

  private final int events;
  private final int parallel;
  private final boolean gzip;
  private final PrintStream err;

  public ImportBench(int events, int parallel, boolean gzip, PrintStream err) {
    this.events = events;
    this.parallel = parallel;
    this.gzip = gzip;
    this.err = err;
  }

  public Result run(Path work) throws Exception {
    Files.createDirectories(work);
    Path archive = work.resolve(gzip ? "archive.json.gz" : "archive.json");
    writeArchive(archive);
    err.println("bench ingest (HTTP, batches of 500, 4 clients) ...");
    IngestBench.Result ingest = new IngestBench(events, 500, 4, err).run(work.resolve("ingest"));
    err.println("uxlens import of " + archive.getFileName() + " ...");
    Path importDir = work.resolve("import");
    Files.createDirectories(importDir);
    ArchiveImport.Outcome imported;
    try (UxLensServer server = UxLensServer.newServer(ServerConfig.local(importDir.resolve("import.db")))) {
      imported = ArchiveImport.segmentArchive(archive, server.uri(), parallel, importDir, err);
    }
    if (!imported.finished() || imported.accepted() != events) {
      throw new IllegalStateException("the import did not store every event: " + imported.stopReason() + ", "
          + imported.accepted() + " accepted of " + events);
    }
    return new Result(events, Files.size(archive), ingest.httpEventsPerSecond(),
        events / imported.seconds(), imported.accepted());
  }

  /** A Segment archive of journey events shaped like bench ingest's, as Segment's S3 destination writes them. */
  private void writeArchive(Path file) throws IOException {
    Random random = new Random(42);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream os = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
      for (int i = 0; i < events; i++) {
        int user = random.nextInt(50_000);
        String time = Instant.ofEpochMilli(START + i * 10L).toString();
        w.write("{\"type\":\"track\",\"messageId\":\"archive-" + i + "\",\"userId\":\"user-" + user
            + "\",\"event\":\"" + NAMES[random.nextInt(NAMES.length)] + "\",\"timestamp\":\"" + time
            + "\",\"originalTimestamp\":\"" + time + "\",\"sentAt\":\"" + time + "\",\"receivedAt\":\"" + time
            + "\",\"properties\":{\"session_id\":\"s-" + user + "-" + (i / 5000) + "\",\"rows\":"
            + random.nextInt(100_000) + "},\"context\":{\"app\":{\"version\":\"" + VERSIONS[random.nextInt(3)]
            + "\"},\"locale\":\"en-GB\",\"os\":{\"name\":\"macOS\"}}}\n");
      }
    }
  }
}
