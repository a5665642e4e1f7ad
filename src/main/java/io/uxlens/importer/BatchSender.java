package io.uxlens.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a batch's records (on a worker thread, so mapping runs in parallel) and sends them in as many requests as the
 * server's limits require, then turns the answers back into per-record refusals named as the user knows the fields.
 */
final class BatchSender {
  /** The server refused a whole request for a reason no row fix cures (wrong write key, wrong URL). */
  static final class Fatal extends RuntimeException {
    final int status;

    Fatal(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private static final int BODY_MARGIN = 64;
  private final Format format;
  private final RowMapper mapper;
  private final Destination destination;

  BatchSender(Format format, RowMapper mapper, Destination destination) {
    this.format = format;
    this.mapper = mapper;
    this.destination = destination;
  }

  Ledger.Outcome send(Ledger.Batch batch) throws InterruptedException {
    List<Ledger.RowRefusal> refusals = new ArrayList<>();
    List<Row> rows = new ArrayList<>(batch.rows().size());
    List<RowMapper.Mapped> mapped = new ArrayList<>(batch.rows().size());
    for (Row r : batch.rows()) {
      try {
        mapped.add(mapper.map(r));
        rows.add(r);
      } catch (RowProblem p) {
        refusals.add(new Ledger.RowRefusal(r, mapper.describe(p.field()), p.getMessage(), 1));
      }
    }
    long accepted = 0;
    long duplicates = 0;
    int from = 0;
    while (from < mapped.size()) {
      int to = requestEnd(mapped, from);
      List<RowMapper.Mapped> request = mapped.subList(from, to);
      try {
        Answer a = destination.send(format, request);
        accepted += a.accepted();
        duplicates += a.duplicates();
        for (Answer.Refusal f : a.refusals()) {
          refusals.add(new Ledger.RowRefusal(rows.get(from + f.index()), mapper.describe(f.field()), f.error(),
              f.units()));
        }
      } catch (Destination.BatchRefused e) {
        if (e.stopsImport()) {
          throw new Fatal(e.status, "the server refused the request (" + e.status + "): " + e.getMessage());
        }
        for (int i = from; i < to; i++) {
          refusals.add(new Ledger.RowRefusal(rows.get(i), mapper.describe(e.field == null ? "body" : e.field),
              e.getMessage(), mapped.get(i).units()));
        }
      }
      from = to;
    }
    refusals.sort(Comparator.comparingLong(r -> r.row().line()));
    return new Ledger.Outcome(accepted, duplicates, refusals);
  }

  /** The end (exclusive) of the longest run from {@code from} that fits one request's count and byte limits. */
  private int requestEnd(List<RowMapper.Mapped> mapped, int from) {
    long bytes = BODY_MARGIN;
    int to = from;
    while (to < mapped.size() && to - from < format.maxItems) {
      long next = utf8Length(mapped.get(to).json()) + 1;
      if (to > from && bytes + next > format.maxBodyBytes) {
        break;
      }
      bytes += next;
      to++;
    }
    return to;
  }

  static long utf8Length(String s) {
    long n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        n += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
      }
    }
    return n;
  }
}
