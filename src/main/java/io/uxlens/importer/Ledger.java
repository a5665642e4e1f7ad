package io.uxlens.importer;

import java.util.List;
import java.util.TreeMap;

/**
 * Acknowledgements of one input's batches, which complete out of order. A batch's results (counts, refused rows to
 * the rejects file, printed errors) are applied only once every earlier batch is answered, so the checkpoint line
 * always means "everything before this is done" and the rejects file is in input order.
 */
final class Ledger {
  /** A batch of consecutive records of one input. */
  record Batch(int seq, List<Row> rows) {
    long lastLine() {
      return rows.get(rows.size() - 1).line();
    }
  }

  /** One refused record of a batch. */
  record RowRefusal(Row row, String field, String error, int units) {}

  /** What a batch came to once answered. */
  record Outcome(long accepted, long duplicates, List<RowRefusal> refusals) {}

  private record Done(Batch batch, Outcome outcome) {}

  private final Inputs.Input input;
  private final RejectsFile rejects;
  private final Checkpoint checkpoint;
  private final Tally tally;
  private final ErrorReport errors;
  private final TreeMap<Integer, Done> waiting = new TreeMap<>();
  private int next;
  private long line;

  Ledger(Inputs.Input input, long resumeLine, RejectsFile rejects, Checkpoint checkpoint, Tally tally,
      ErrorReport errors) {
    this.input = input;
    this.line = resumeLine;
    this.rejects = rejects;
    this.checkpoint = checkpoint;
    this.tally = tally;
    this.errors = errors;
  }

  synchronized void answered(Batch batch, Outcome outcome) {
    waiting.put(batch.seq(), new Done(batch, outcome));
    boolean advanced = false;
    while (!waiting.isEmpty() && waiting.firstKey() == next) {
      Done done = waiting.pollFirstEntry().getValue();
      apply(done.batch(), done.outcome());
      next++;
      advanced = true;
    }
    if (advanced) {
      checkpoint.record(input, line, false, rejects.path().toString(), rejects.flush(), false);
    }
  }

  private void apply(Batch batch, Outcome outcome) {
    tally.accepted.addAndGet(outcome.accepted());
    tally.duplicates.addAndGet(outcome.duplicates());
    Row written = null;
    for (RowRefusal r : outcome.refusals()) {
      tally.rejectedUnits.addAndGet(r.units());
      if (r.row() != written) { // an OTLP line refused for several spans is written once
        tally.rejectedRecords.incrementAndGet();
        rejects.write(r.row());
        written = r.row();
      }
      errors.report(input.name(), r.row().line(), r.field(), r.error());
    }
    line = batch.lastLine();
  }

  /** Saves where this input stands; {@code done} when every record was read and answered. */
  synchronized void save(boolean done) {
    checkpoint.record(input, line, done, rejects.path().toString(), rejects.flush(), true);
  }
}
