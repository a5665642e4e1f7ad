package io.uxlens.importer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A boundary fake on loopback: answers the first {@code failures} requests with 503 and Retry-After, then forwards
 * everything to the real UX Lens server, so the importer's retries meet the real ingest path afterwards.
 */
final class FlakyProxy implements AutoCloseable {
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  FlakyProxy(URI target, int failures, String retryAfter) throws Exception {
    this(target, failures, retryAfter, 0);
  }

  FlakyProxy(URI target, int failures, String retryAfter, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        requests.incrementAndGet();
        if (refused.get() < failures) {
          refused.incrementAndGet();
          response.setStatus(503);
          response.getHeaders().put("Retry-After", retryAfter);
          Content.Sink.write(response, true, "{\"status\":503,\"error\":\"store busy\"}", callback);
          return true;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(Request.getPathInContext(request)))
            .method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : new String[] {"Content-Type", "Authorization"}) {
          String v = request.getHeaders().get(h);
          if (v != null) {
            forward.header(h, v);
          }
        }
        HttpResponse<String> r = client.send(forward.build(), HttpResponse.BodyHandlers.ofString());
        response.setStatus(r.statusCode());
        response.getHeaders().put("Content-Type", "application/json");
        Content.Sink.write(response, true, r.body(), callback);
        return true;
      }
    });
    jetty.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  int requests() {
    return requests.get();
  }

  int refused() {
    return refused.get();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
