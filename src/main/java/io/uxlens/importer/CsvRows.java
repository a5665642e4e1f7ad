package io.uxlens.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV export with a header row, parsed by Apache Commons CSV as a stream. The delimiter (comma, semicolon or tab)
 * is taken from the header line; a byte-order mark (spreadsheet exports) is dropped.
 */
final class CsvRows implements RowSource {
  private final Inputs.Opened opened;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private final CSVFormat format;
  private long lastLine = 1;

  CsvRows(Inputs.Opened opened) throws IOException {
    this.opened = opened;
    BufferedReader reader = new BufferedReader(new InputStreamReader(opened.content(), StandardCharsets.UTF_8),
        1 << 16);
    reader.mark(1 << 15);
    int first = reader.read();
    if (first != '\uFEFF') {
      reader.reset();
    }
    reader.mark(1 << 15);
    String headerLine = reader.readLine();
    reader.reset();
    if (headerLine == null || headerLine.isBlank()) {
      throw new UsageException("the CSV input is empty; a header row is required");
    }
    this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(headerLine)).setHeader()
        .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false)
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    this.parser = CSVParser.parse(reader, format);
    this.header = parser.getHeaderNames();
    this.records = parser.iterator();
  }

  /** The delimiter that splits the header into the most columns. */
  private static char delimiter(String headerLine) {
    char best = ',';
    long most = headerLine.chars().filter(c -> c == ',').count();
    for (char c : new char[] {';', '\t'}) {
      long n = headerLine.chars().filter(x -> x == c).count();
      if (n > most) {
        best = c;
        most = n;
      }
    }
    return best;
  }

  List<String> header() {
    return header;
  }

  /** The format rejected rows are written back in: the same delimiter and the same header. */
  CSVFormat rejectsFormat() {
    return format.builder().setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(false).get();
  }

  @Override
  public Row next() throws IOException {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord r = records.next();
      long start = lastLine + 1;
      lastLine = parser.getCurrentLineNumber();
      return Row.ofCells(start, r.toList());
    } catch (UncheckedIOException e) {
      throw new CsvBroken(lastLine + 1, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  @Override
  public long bytesRead() {
    return opened.counter().count();
  }

  @Override
  public void close() throws IOException {
    parser.close();
    opened.close();
  }

  /** The CSV cannot be read on from here (an unterminated quote, say): the rest of the file is not imported. */
  static final class CsvBroken extends IOException {
    final long line;

    CsvBroken(long line, String reason) {
      super("invalid CSV: " + reason);
      this.line = line;
    }
  }
}
