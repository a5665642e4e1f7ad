package io.uxlens.demo;

import io.uxlens.server.UxLensServer;

/**
 * Waits until what was sent is visible in queries, so the printed URLs show data straight away: stored records
 * are visible once ingest answers; journey attempts need the sessionizer to catch up, which is run here until it
 * has nothing left to do (it is idempotent, so running it next to the background service is safe).
 */
final class Settle {
  private static final int MAX_RUNS = 1_000;

  private Settle() {}

  static void await(UxLensServer server) {
    for (int i = 0; i < MAX_RUNS; i++) {
      if (server.journeys().sessionizer().runOnce().idle()) {
        return;
      }
    }
  }
}
