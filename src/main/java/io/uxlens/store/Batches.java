package io.uxlens.store;

/** Helpers for batched inserts. */
final class Batches {
  private Batches() {}

  /** Rows a batch of {@code INSERT ... ON CONFLICT DO NOTHING} really inserted (conflicts report 0). */
  static int inserted(int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += Math.max(c, 0);
    }
    return n;
  }
}
