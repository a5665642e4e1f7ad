package io.uxlens.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  private PeerClosed() {}

  /** A check for one connection, given its two ends (anything but IP socket addresses: never closed). */
  static BooleanSupplier check(SocketAddress local, SocketAddress remote) {
    if (local instanceof InetSocketAddress l && remote instanceof InetSocketAddress r && r.getAddress() != null) {
      return () -> closed(l.getPort(), r.getAddress(), r.getPort());
    }
    return () -> false;
  }

  /** True when the connection from {@code remote}:{@code remotePort} to local port {@code localPort} is in CLOSE_WAIT. */
  static boolean closed(int localPort, InetAddress remote, int remotePort) {
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try (Stream<String> lines = Files.lines(table)) {
        // "sl local_address rem_address st ...": addresses as hex IP:port, the IP in the kernel's byte order
        String state = lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
            .filter(f -> f.length > 3 && port(f[1]) == localPort && port(f[2]) == remotePort
                && remote.equals(address(f[2])))
            .map(f -> f[3]).findFirst().orElse(null);
        if (state != null) {
          return CLOSE_WAIT.equals(state);
        }
      } catch (IOException | RuntimeException e) {
        return false; // unreadable: as if the client were there; the deadline still applies
      }
    }
    return false;
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
