package io.uxlens.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Whether the client of a TCP connection has closed its end while the server still works on its request. Jetty
 * reads nothing from an HTTP/1.1 connection while a handler runs (a pipelined request must wait its turn), so it
 * cannot tell; the kernel can: once the client's FIN has arrived, the server's end is in CLOSE_WAIT. Grafana closes
 * the connection of a query it gave up on (a panel refreshed, a dashboard left, its own timeout), so a query still
 * running for it can stop.
 *
 * <p>Read from {@code /proc/net/tcp} and {@code tcp6} (Linux, where the image runs). Elsewhere, or when the
 * connection is not listed there, the client counts as present and only {@code --query-timeout} stops a query.
 */
final class PeerClosed {
  /** The kernel's number for CLOSE_WAIT (include/net/tcp_states.h), as /proc/net/tcp prints it. */
  private static final String CLOSE_WAIT = "08";
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  /** At most this old: every query in hand shares one read of the tables, however many connections they list. */
  private static final long SNAPSHOT_NANOS = 250_000_000L;
  private static volatile Snapshot last = new Snapshot(System.nanoTime() - 2 * SNAPSHOT_NANOS, Map.of());

  private PeerClosed() {}

  /** A check for one connection, given its two ends (anything but IP socket addresses: never closed). */
  static BooleanSupplier check(SocketAddress local, SocketAddress remote) {
    if (local instanceof InetSocketAddress l && remote instanceof InetSocketAddress r && r.getAddress() != null) {
      return () -> closed(l.getPort(), r.getAddress(), r.getPort());
    }
    return () -> false;
  }

  /**
   * True when the connection from {@code remote}:{@code remotePort} to local port {@code localPort} is in CLOSE_WAIT
   * (as the tables read at most {@value #SNAPSHOT_NANOS} ns ago say).
   */
  static boolean closed(int localPort, InetAddress remote, int remotePort) {
    return CLOSE_WAIT.equals(snapshot().states().get(new Connection(localPort, remote, remotePort)));
  }

  /** One connection as the kernel's table lists it. */
  private record Connection(int localPort, InetAddress remote, int remotePort) {}

  /** The kernel's tables read at one moment: each connection's state. */
  private record Snapshot(long takenNanos, Map<Connection, String> states) {}

  private static Snapshot snapshot() {
    Snapshot s = last;
    if (System.nanoTime() - s.takenNanos() < SNAPSHOT_NANOS) {
      return s;
    }
    Map<Connection, String> states = new HashMap<>();
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try (Stream<String> lines = Files.lines(table)) {
        // "sl local_address rem_address st ...": addresses as hex IP:port, the IP in the kernel's byte order
        lines.skip(1).map(String::trim).map(l -> l.split("\\s+")).filter(f -> f.length > 3)
            .forEach(f -> states.putIfAbsent(new Connection(port(f[1]), address(f[2]), port(f[2])), f[3]));
      } catch (IOException | RuntimeException e) {
        // unreadable: its connections count as present; the deadline still applies
      }
    }
    s = new Snapshot(System.nanoTime(), states);
    last = s;
    return s;
  }

  private static int port(String hexEndpoint) {
    int colon = hexEndpoint.indexOf(':');
    return colon < 0 ? -1 : Integer.parseInt(hexEndpoint.substring(colon + 1), 16);
  }

  /** The IP of a hex endpoint: 4 or 16 bytes, each 32-bit word in the kernel's (native) byte order. */
  static InetAddress address(String hexEndpoint) {
    String hex = hexEndpoint.substring(0, hexEndpoint.indexOf(':'));
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      for (int w = 0; w + 4 <= bytes.length; w += 4) {
        byte b0 = bytes[w];
        byte b1 = bytes[w + 1];
        bytes[w] = bytes[w + 3];
        bytes[w + 1] = bytes[w + 2];
        bytes[w + 2] = b1;
        bytes[w + 3] = b0;
      }
    }
    try {
      return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as the IPv4 one
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hexEndpoint, e);
    }
  }
}
