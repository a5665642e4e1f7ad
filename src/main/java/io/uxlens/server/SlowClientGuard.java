package io.uxlens.server;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts off clients that trickle their request (slowloris), which the idle timeout alone never would, since each byte
 * resets it. Every {@link #PERIOD_MS} each connection is looked at: one that received bytes but started no request
 * (headers trickled) is closed; one with a request in progress that received some bytes, but fewer than
 * {@link #MIN_BODY_BYTES_PER_SECOND} a second (body trickled), is closed, which also frees the thread blocked reading
 * it. A request in progress that receives nothing (a long query, its body long read) is left alone, as are idle
 * keep-alive connections: the idle timeout handles those.
 */
final class SlowClientGuard implements Connection.Listener {
  /** Longest a client may take to send a request's headers once it has started, give or take one period. */
  static final long PERIOD_MS = 5_000;
  /** Slowest body upload kept, in bytes per second: far below any real client, far above a trickle. */
  static final long MIN_BODY_BYTES_PER_SECOND = 256;

  private final Scheduler scheduler;

  private SlowClientGuard(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  static void install(ServerConnector connector) {
    connector.addEventListener(new SlowClientGuard(connector.getScheduler()));
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      schedule(http, http.getMessagesIn(), http.getBytesIn());
    }
  }

  private void schedule(HttpConnection c, long messagesIn, long bytesIn) {
    scheduler.schedule(() -> check(c, messagesIn, bytesIn), PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void check(HttpConnection c, long messagesBefore, long bytesBefore) {
    if (!c.getEndPoint().isOpen()) {
      return;
    }
    long in = c.getMessagesIn();
    boolean inProgress = in > c.getMessagesOut();
    long received = c.getBytesIn() - bytesBefore;
    boolean headersTrickled = in == messagesBefore && !inProgress && received > 0;
    boolean bodyTrickled = inProgress && received > 0 && received < MIN_BODY_BYTES_PER_SECOND * PERIOD_MS / 1000;
    if (headersTrickled || bodyTrickled) {
      c.getEndPoint().close();
      return;
    }
    schedule(c, in, c.getBytesIn());
  }
}
