package io.uxlens.demo;

import io.uxlens.server.UxLensServer;

/** Waits until what was sent is visible in queries, so the printed URLs show data straight away. */
final class Settle {
  private Settle() {}

  static void await(UxLensServer server) {
    // Ingest answers after the commit: stored records are already visible. Journey attempts come later
    // (sessionizer), once the journey engine is part of the server.
  }
}
