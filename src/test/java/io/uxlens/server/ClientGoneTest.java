package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query stops once its client has closed the connection, long before --query-timeout: the kernel's view of the
 * connection (CLOSE_WAIT) is read while the query runs, over a real socket and through real Jetty.
 */
class ClientGoneTest {
  @BeforeEach
  void linuxOnly() {
    assumeThat(Files.isReadable(Path.of("/proc/net/tcp"))).as("the kernel's TCP table (Linux)").isTrue();
  }

  @Test
  void theServersEndOfAConnectionIsClosedOnlyOnceItsClientClosesIt() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      try (Socket served = listener.accept()) {
        BooleanSupplier gone = PeerClosed.check(served.getLocalSocketAddress(), served.getRemoteSocketAddress());
        assertThat(gone.getAsBoolean()).as("control: the client is connected").isFalse();
        // another connection to the same port stays open: only this one's state may answer
        try (Socket other = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket otherServed = listener.accept()) {
          client.close();
          assertThat(eventually(gone)).as("the client closed its end").isTrue();
          assertThat(PeerClosed.check(otherServed.getLocalSocketAddress(), otherServed.getRemoteSocketAddress())
              .getAsBoolean()).as("the other connection is still open").isFalse();
        }
      }
    }
    // no such connection in the table: counts as present (only the deadline applies)
    assertThat(PeerClosed.closed(1, InetAddress.getLoopbackAddress(), 1)).isFalse();
    assertThat(PeerClosed.check(null, null).getAsBoolean()).isFalse();
  }

  @Test
  void aQueryStopsWhenItsClientGoesAndAnswersWhileItStays() throws Exception {
    try (QueryGate gate = new QueryGate(2, 0, Duration.ofSeconds(30))) {
      AtomicBoolean gone = new AtomicBoolean();
      AtomicBoolean interrupted = new AtomicBoolean();
      CountDownLatch stopped = new CountDownLatch(1);
      new Thread(() -> {
        sleep(300);
        gone.set(true);
      }).start();
      long start = System.nanoTime();
      try {
        gate.run("journey.kpis", () -> {
          try {
            Thread.sleep(20_000);
          } catch (InterruptedException e) {
            interrupted.set(true);
          } finally {
            stopped.countDown();
          }
          return null;
        }, gone::get);
        throw new AssertionError("the query answered although its client had gone");
      } catch (io.uxlens.Refusal r) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.rule()).contains("journey.kpis", "client closed the connection");
      }
      assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interrupted).isTrue();
      assertThat(System.nanoTime() - start).as("stopped within a few checks, not at the 30 s deadline")
          .isLessThan(5_000_000_000L);
      // control: a query longer than several checks answers while its client stays
      assertThat(gate.run("journey.attempts", () -> {
        sleep(3 * QueryGate.CLIENT_CHECK_MS);
        return 7;
      }, () -> false)).isEqualTo(7);
    }
  }

  /** Through real Jetty on port 0: a client that hangs up mid-query stops it; one that waits gets the answer. */
  @Test
  void overHttpAQueryStopsWhenTheClientHangsUp() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(2); // the control query, then the one whose client hangs up
    try (QueryGate gate = new QueryGate(2, 4, Duration.ofSeconds(30))) {
      Router router = new Router();
      router.add("GET", "/slow/{ms}", call -> Reply.json(gate.run("slow.query", () -> {
        try {
          Thread.sleep(Long.parseLong(call.pathParam("ms")));
          return Map.of("answered", true);
        } catch (InterruptedException e) {
          interrupted.set(true);
          return null;
        } finally {
          stopped.countDown();
        }
      }, call.clientGone())));
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(router);
      jetty.start();
      try {
        int port = connector.getLocalPort();
        // control: a client that waits gets the answer of a query longer than several checks
        String answer = exchange(port, "/slow/" + 3 * QueryGate.CLIENT_CHECK_MS, true);
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"answered\":true");
        assertThat(interrupted).isFalse();
        assertThat(stopped.getCount()).isEqualTo(1);
        // a client that hangs up 300 ms into a 20 s query
        long start = System.nanoTime();
        exchange(port, "/slow/20000", false);
        assertThat(stoppedWithin(stopped, start)).as("the query stopped soon after the client hung up").isTrue();
        assertThat(interrupted).isTrue();
      } finally {
        jetty.stop();
      }
    }
  }

  private static boolean stoppedWithin(CountDownLatch stopped, long start) throws InterruptedException {
    return stopped.await(5, TimeUnit.SECONDS) && System.nanoTime() - start < 5_000_000_000L;
  }

  /** Sends a GET; reads the whole answer when {@code wait}, else closes the connection after 300 ms. */
  private static String exchange(int port, String path, boolean wait) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (!wait) {
        sleep(300);
        return "";
      }
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean eventually(BooleanSupplier condition) {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(20);
    }
    return false;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
