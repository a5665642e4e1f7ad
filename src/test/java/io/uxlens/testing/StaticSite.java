package io.uxlens.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A folder served by a second Jetty on 127.0.0.1, on several ephemeral ports: each port is its own browser origin,
 * so a page served here posts to UX Lens cross-origin, and real CORS rules apply.
 */
public final class StaticSite implements AutoCloseable {
  private final Server jetty;
  private final List<ServerConnector> connectors;

  private StaticSite(Server jetty, List<ServerConnector> connectors) {
    this.jetty = jetty;
    this.connectors = connectors;
  }

  public static StaticSite serve(Path folder, int origins) throws Exception {
    Server jetty = new Server();
    List<ServerConnector> connectors = new ArrayList<>();
    for (int i = 0; i < origins; i++) {
      ServerConnector c = new ServerConnector(jetty);
      c.setHost("127.0.0.1");
      c.setPort(0);
      jetty.addConnector(c);
      connectors.add(c);
    }
    ResourceHandler files = new ResourceHandler();
    files.setBaseResource(ResourceFactory.of(files).newResource(folder));
    files.setDirAllowed(false);
    jetty.setHandler(files);
    jetty.start();
    return new StaticSite(jetty, connectors);
  }

  /** The origin ({@code http://127.0.0.1:port}) of the i-th port. */
  public String origin(int i) {
    return "http://127.0.0.1:" + connectors.get(i).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
