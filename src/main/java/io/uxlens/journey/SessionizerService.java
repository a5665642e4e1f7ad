package io.uxlens.journey;

import io.uxlens.store.CommitFollower;
import io.uxlens.store.Writer;

/**
 * Runs the sessionizer after writer commits, at most once per {@code minIntervalMs} ({@link CommitFollower}), so an
 * event shows up in attempts within about a second of its commit.
 */
public final class SessionizerService implements AutoCloseable {
  private final CommitFollower follower;

  public SessionizerService(Sessionizer sessionizer, Writer writer, long minIntervalMs) {
    this.follower = new CommitFollower("uxlens-sessionizer", writer, minIntervalMs,
        () -> sessionizer.runOnce().eventsRead());
  }

  @Override
  public void close() {
    follower.close();
  }
}
