package io.uxlens.store;

/** The writer's queue is full: callers should ask the client to retry later (HTTP 503). */
public final class WriterOverloadedException extends StoreException {
  public WriterOverloadedException(int capacity) {
    super("write queue is full (" + capacity + " pending batches); retry later");
  }
}
