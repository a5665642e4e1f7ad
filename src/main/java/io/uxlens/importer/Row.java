package io.uxlens.importer;

import java.util.List;

/**
 * One record as read from an input: its line number (where it starts), and either the line's text (NDJSON formats)
 * or the cells of a CSV record. Kept unchanged so a refused record can be written back in the input's own format.
 */
record Row(long line, String text, List<String> cells) {
  static Row ofLine(long line, String text) {
    return new Row(line, text, null);
  }

  static Row ofCells(long line, List<String> cells) {
    return new Row(line, null, cells);
  }

  /** Bytes this record roughly adds to a request, for sizing batches before mapping. */
  int estimatedBytes() {
    if (text != null) {
      return text.length() + 16;
    }
    int n = 64;
    for (String c : cells) {
      n += c.length() + 16;
    }
    return n;
  }
}
