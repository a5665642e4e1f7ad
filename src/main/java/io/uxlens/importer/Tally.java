package io.uxlens.importer;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts for progress and the summary; units are events, spans or feedback items. */
final class Tally {
  final AtomicLong records = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong rejectedUnits = new AtomicLong();
  final AtomicLong rejectedRecords = new AtomicLong();
}
