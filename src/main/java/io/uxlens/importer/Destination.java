package io.uxlens.importer;

import java.util.List;

/** Where mapped records go: the server over HTTP, or the local dry-run check. */
interface Destination {
  /** Sends one request of mapped records (within the format's limits) and returns what was kept and refused. */
  Answer send(Format format, List<RowMapper.Mapped> records) throws BatchRefused, InterruptedException;

  /** The whole request was refused (a 4xx without per-record detail): every record in it is refused this way. */
  final class BatchRefused extends Exception {
    final int status;
    final String field;

    BatchRefused(int status, String field, String error) {
      super(error, null, false, false);
      this.status = status;
      this.field = field;
    }

    /** Refusals no retry or row fix can cure (a wrong write key, say): the import stops. */
    boolean stopsImport() {
      return status == 401 || status == 403 || status == 404 || status == 405;
    }
  }

  /** The server stayed unreachable or unavailable past the retries, or the import was asked to stop mid-retry. */
  final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }

  /** The request body for a list of mapped records. */
  static String body(Format format, List<RowMapper.Mapped> records) {
    if (format == Format.OTLP) {
      return records.get(0).json();
    }
    int size = 16;
    for (RowMapper.Mapped m : records) {
      size += m.json().length() + 1;
    }
    StringBuilder sb = new StringBuilder(size).append(format == Format.FEEDBACK_CSV ? "{\"items\":[" : "{\"batch\":[");
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(records.get(i).json());
    }
    return sb.append("]}").toString();
  }
}
