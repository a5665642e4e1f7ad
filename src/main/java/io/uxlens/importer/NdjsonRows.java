package io.uxlens.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Newline-delimited JSON read line by line (never whole); blank lines are skipped but counted. */
final class NdjsonRows implements RowSource {
  private final Inputs.Opened opened;
  private final BufferedReader reader;
  private long line;

  NdjsonRows(Inputs.Opened opened) {
    this.opened = opened;
    this.reader = new BufferedReader(new InputStreamReader(opened.content(), StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public Row next() throws IOException {
    String text;
    while ((text = reader.readLine()) != null) {
      line++;
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (!text.isBlank()) {
        return Row.ofLine(line, text);
      }
    }
    return null;
  }

  @Override
  public long bytesRead() {
    return opened.counter().count();
  }

  @Override
  public void close() throws IOException {
    opened.close();
  }
}
