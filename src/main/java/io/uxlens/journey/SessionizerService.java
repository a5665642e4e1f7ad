package io.uxlens.journey;

import io.uxlens.store.CommitFollower;
import io.uxlens.store.Leadership;
import io.uxlens.store.Writer;

/**
 * Runs the sessionizer after writer commits, at most once per {@code minIntervalMs} ({@link CommitFollower}), so an
 * event shows up in attempts within about a second of its commit.
 */
public final class SessionizerService implements AutoCloseable {
  private final CommitFollower follower;

  public SessionizerService(Sessionizer sessionizer, Writer writer, long minIntervalMs) {
    this(sessionizer, writer, minIntervalMs, Leadership.always());
  }

  /** Runs only while this instance leads (several instances on one PostgreSQL database). */
  public SessionizerService(Sessionizer sessionizer, Writer writer, long minIntervalMs, Leadership leadership) {
    this.follower = new CommitFollower("uxlens-sessionizer", writer, minIntervalMs, leadership,
        () -> sessionizer.runOnce().eventsRead());
  }

  @Override
  public void close() {
    follower.close();
  }
}
