package io.uxlens.server;

import io.uxlens.store.StoreException;
import io.uxlens.store.Writer;
import io.uxlens.store.WriterOverloadedException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Hands a write to the writer and waits for its commit, mapping store trouble to retryable HTTP statuses. */
final class Ingest {
  private static final long COMMIT_WAIT_SECONDS = 30;

  private Ingest() {}

  static <R> R commit(Writer writer, Function<Handle, R> op) {
    try {
      return writer.submit(op).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the commit");
    } catch (TimeoutException e) {
      throw unavailable("the store did not commit within " + COMMIT_WAIT_SECONDS + " s; retry later");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      if (cause instanceof WriterOverloadedException) {
        throw unavailable(cause.getMessage());
      }
      if (cause instanceof StoreException) {
        throw unavailable("the store could not commit: " + cause.getMessage());
      }
      throw new IllegalStateException("write failed", cause);
    }
  }

  private static ApiException unavailable(String why) {
    return new ApiException(503, why, null, Map.of("Retry-After", "1"));
  }
}
