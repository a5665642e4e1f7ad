package io.uxlens.server;

import io.uxlens.Refusal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps method + path to routes and turns every outcome into a JSON reply: 404 and 405 for unknown paths and
 * methods, the Refusal's status for client errors, and a logged 500 (never the stack) for our own bugs.
 * Paths are literal segments or {@code {name}} placeholders.
 */
public final class Router extends Handler.Abstract.NonBlocking {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private record Entry(String method, String[] segments, Route route) {}

  private static final long DRAIN_CAP = 1024 * 1024;

  private final List<Entry> entries = new ArrayList<>();
  private final List<UnaryOperator<Reply>> decorators = new ArrayList<>();
  private final List<Filter> filters = new ArrayList<>();
  private final List<After> afters = new ArrayList<>();

  /** Runs before routing; may answer on its own (CORS preflight, say) by returning a reply. */
  @FunctionalInterface
  public interface Filter {
    /** @return a reply to send instead of routing, or null to go on. */
    Reply before(HttpCall call);
  }

  /** Runs on every reply, with the request it answers (CORS headers depend on the Origin, say). */
  @FunctionalInterface
  public interface After {
    Reply after(HttpCall call, Reply reply);
  }

  public Router after(After after) {
    afters.add(after);
    return this;
  }

  public Router add(String method, String path, Route route) {
    entries.add(new Entry(method, split(path), route));
    return this;
  }

  /** Every registered route as "METHOD /path/{param}", in registration order (the access test walks them all). */
  List<String> routes() {
    return entries.stream().map(e -> e.method + " /" + String.join("/", e.segments)).toList();
  }

  public Router filter(Filter filter) {
    filters.add(filter);
    return this;
  }

  public Router decorate(UnaryOperator<Reply> decorator) {
    decorators.add(decorator);
    return this;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    // Routes read bodies with blocking streams; hand the work to a pool thread rather than the selector.
    request.getComponents().getThreadPool().execute(() -> serve(request, response, callback));
    return true;
  }

  private void serve(Request request, Response response, Callback callback) {
    Reply reply;
    HttpCall call = new HttpCall(request, Map.of());
    try {
      reply = runFilters(call);
      if (reply == null) {
        reply = route(request);
      }
    } catch (Refusal e) {
      reply = Reply.error(e.status(), e.getMessage(), e.field()).withHeaders(e.headers());
    } catch (Exception | LinkageError | AssertionError e) {
      if (io.uxlens.store.StoreFailures.unreachable(e)) {
        // the database is restarting or out of reach: the same request succeeds once it is back
        LOG.warn("{} {}: the store is unreachable: {}", request.getMethod(), Request.getPathInContext(request),
            e.getMessage());
        reply = Reply.error(503, "the store is unreachable; retry shortly", null)
            .withHeaders(Map.of("Retry-After", "2"));
      } else {
        // Errors too: an uncaught one would leave the client waiting for a reply that never comes.
        LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
        reply = Reply.error(500, "internal error; see the server log", null);
      }
    }
    for (UnaryOperator<Reply> d : decorators) {
      reply = d.apply(reply);
    }
    for (After a : afters) {
      reply = a.after(call, reply);
    }
    drainUnread(request);
    write(reply, call, response, callback);
  }

  /**
   * A reply given before the body was read (401 from a filter, 404, 405) would make Jetty close the connection,
   * and a client that pipelines its next request on it sees a reset. Reading the rest of a reasonably sized body
   * keeps the connection reusable; past the cap, closing it is the right answer anyway.
   */
  private static void drainUnread(Request request) {
    try (java.io.InputStream rest = org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
      byte[] buf = new byte[8192];
      long left = DRAIN_CAP;
      int n;
      while (left > 0 && (n = rest.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
        left -= n;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // the client went away or sent garbage: the connection will be closed, which is all we could do
    }
  }

  private Reply runFilters(HttpCall call) {
    for (Filter f : filters) {
      Reply r = f.before(call);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private Reply route(Request request) throws Exception {
    String[] path = split(Request.getPathInContext(request));
    Set<String> allowed = new LinkedHashSet<>();
    for (Entry e : entries) {
      Map<String, String> params = match(e.segments, path);
      if (params == null) {
        continue;
      }
      if (e.method.equals(request.getMethod())
          || (e.method.equals("GET") && request.getMethod().equals("HEAD"))) {
        return e.route.handle(new HttpCall(request, params));
      }
      allowed.add(e.method);
    }
    if (!allowed.isEmpty()) {
      return Reply.error(405, "method " + request.getMethod() + " not allowed; use " + String.join(", ", allowed),
          null).withHeader("Allow", String.join(", ", allowed));
    }
    return Reply.error(404, "no such endpoint: " + Request.getPathInContext(request), null);
  }

  private static void write(Reply reply, HttpCall call, Response response, Callback callback) {
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    byte[] body = "HEAD".equals(call.method()) ? new byte[0] : reply.body();
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(p.substring(1, p.length() - 1), path[i]);
      } else if (!p.equals(path[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }
}
