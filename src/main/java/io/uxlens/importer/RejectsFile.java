package io.uxlens.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Refused records of one input, written back in the input's own format (the original JSON line, or the CSV row under
 * the same header) so they can be fixed and imported again. Created on the first refusal; on resume it is cut back
 * to the length the checkpoint recorded, so nothing is written twice.
 */
final class RejectsFile implements AutoCloseable {
  private final Path path;
  private final CSVFormat csv;
  private final long resumeBytes;
  private BufferedWriter writer;
  private CSVPrinter printer;

  /** @param csv the CSV format with header for CSV inputs, null for JSON lines */
  RejectsFile(Path path, CSVFormat csv, long resumeBytes) {
    this.path = path;
    this.csv = csv;
    this.resumeBytes = resumeBytes;
  }

  /** Where the rejects of {@code input} go: {@code NAME.rejects.EXT} in {@code dir} (gzip inputs get plain text). */
  static Path pathFor(Path dir, Inputs.Input input, Format format) {
    String name = input.stdin() ? "stdin" : input.path().getFileName().toString();
    name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot + 1) : format.rejectsExtension;
    return dir.resolve(stem + ".rejects." + ext);
  }

  Path path() {
    return path;
  }

  boolean opened() {
    return writer != null;
  }

  void write(Row row) {
    try {
      open();
      if (printer != null) {
        printer.printRecord(row.cells());
      } else {
        writer.write(row.text());
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Flushes and returns the file's length (what a checkpoint records), 0 when nothing was written yet. */
  long flush() {
    if (writer == null) {
      return resumeBytes;
    }
    try {
      if (printer != null) {
        printer.flush();
      }
      writer.flush();
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private void open() throws IOException {
    if (writer != null) {
      return;
    }
    Files.createDirectories(path.toAbsolutePath().getParent());
    boolean append = resumeBytes > 0 && Files.exists(path);
    if (append) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
        ch.truncate(resumeBytes);
      }
    }
    writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    if (csv != null) {
      printer = new CSVPrinter(writer, append ? csv.builder().setSkipHeaderRecord(true).get() : csv);
    }
  }

  @Override
  public void close() {
    try {
      if (printer != null) {
        printer.close();
      } else if (writer != null) {
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
  }
}
