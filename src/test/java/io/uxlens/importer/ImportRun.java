package io.uxlens.importer;

import io.uxlens.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Runs {@code uxlens import} in this JVM as a user would (the real CLI), capturing its output and exit code. */
record ImportRun(int code, String out, String err) {
  static synchronized ImportRun of(String... args) {
    return withStdin(null, args);
  }

  static synchronized ImportRun withStdin(InputStream stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      if (stdin != null) {
        System.setIn(stdin);
      }
      List<String> all = new ArrayList<>(List.of("import"));
      all.addAll(List.of(args));
      int code = Main.run(all.toArray(String[]::new));
      return new ImportRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  static Path write(Path file, List<String> lines) throws IOException {
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }

  static Path writeGzip(Path file, List<String> lines) throws IOException {
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
      os.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** A Segment archive line: a track event with the fields Segment's S3 destination writes. */
  static String segmentLine(int i, String time) {
    return "{\"type\":\"track\",\"messageId\":\"seg-" + i + "\",\"userId\":\"user-" + (i % 50)
        + "\",\"event\":\"Import Started\",\"properties\":{\"session_id\":\"s-" + (i % 50) + "\",\"rows\":" + i
        + "},\"context\":{\"app\":{\"version\":\"2.4.1\"}},\"timestamp\":\"" + time
        + "\",\"originalTimestamp\":\"" + time + "\",\"sentAt\":\"" + time + "\",\"receivedAt\":\"" + time + "\"}";
  }
}
