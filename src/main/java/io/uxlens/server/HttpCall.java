package io.uxlens.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.uxlens.Refusal;
import io.uxlens.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One HTTP request as routes see it: method, path parameters, query, headers and a size-limited body. */
public final class HttpCall {
  /** Most we read and throw away to deliver a 413 politely; past it the connection is simply closed. */
  private static final long DRAIN_CAP = 16L * 1024 * 1024;

  private final Request request;
  private final Map<String, String> pathParams;
  private Fields query;

  HttpCall(Request request, Map<String, String> pathParams) {
    this.request = request;
    this.pathParams = pathParams;
  }

  public String method() {
    return request.getMethod();
  }

  /**
   * The path as the router matches it: repeated and trailing slashes collapsed, so a filter that guards
   * {@code /grafana/query} also guards {@code //grafana/query/}, which routes to the same place.
   */
  public String path() {
    String raw = Request.getPathInContext(request);
    String trimmed = raw.replaceAll("^/+|/+$", "");
    return "/" + String.join("/", trimmed.isEmpty() ? new String[0] : trimmed.split("/+"));
  }

  /** Asks the kernel whether this call's client has closed its connection ({@link PeerClosed}). */
  java.util.function.BooleanSupplier clientGone() {
    return PeerClosed.check(request.getConnectionMetaData().getLocalSocketAddress(),
        request.getConnectionMetaData().getRemoteSocketAddress());
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  private static final String WRITE_KEY_ATTRIBUTE = "uxlens.writeKey";

  /** Records the write key this call was authenticated with (rate limits are kept per key). */
  void authenticatedAs(String writeKey) {
    request.setAttribute(WRITE_KEY_ATTRIBUTE, writeKey);
  }

  /** The write key {@link WriteKeys#check} accepted, or null when ingest is open or it was not checked. */
  String writeKey() {
    return (String) request.getAttribute(WRITE_KEY_ATTRIBUTE);
  }

  /** A value kept with this request while it is answered (filters and afters share it); null removes it. */
  void attribute(String name, Object value) {
    if (value == null) {
      request.removeAttribute(name);
    } else {
      request.setAttribute(name, value);
    }
  }

  Object attribute(String name) {
    return request.getAttribute(name);
  }

  public String header(String name) {
    return request.getHeaders().get(name);
  }

  public String query(String name) {
    return queryFields().getValue(name);
  }

  public List<String> queryValues(String name) {
    return queryFields().getValues(name);
  }

  /** Every query parameter with its first value, in arrival order. */
  public Map<String, String> queryMap() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Fields.Field f : queryFields()) {
      out.put(f.getName(), f.getValue());
    }
    return out;
  }

  /** Every query parameter with all its values, in arrival order. */
  public Map<String, List<String>> queryParams() {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (Fields.Field f : queryFields()) {
      out.put(f.getName(), f.getValues());
    }
    return out;
  }

  private Fields queryFields() {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request);
      } catch (RuntimeException e) {
        throw Refusal.badRequest("query", "malformed query string: " + e.getMessage());
      }
    }
    return query;
  }

  /**
   * Reads the body, inflating gzip when the client says so. Both the bytes on the wire and the inflated bytes
   * are held to {@code limit}, so neither a large upload nor a zip bomb can exhaust memory.
   */
  public byte[] body(int limit, String limitName) {
    long declared = request.getLength();
    try (InputStream raw = Content.Source.asInputStream(request)) {
      if (declared > limit) {
        drain(raw, declared);
        throw tooLarge(limit, limitName);
      }
      byte[] wire = readAtMost(raw, limit);
      if (wire == null) {
        drain(raw, DRAIN_CAP);
        throw tooLarge(limit, limitName);
      }
      String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
      if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
        return wire;
      }
      if (!encoding.equalsIgnoreCase("gzip")) {
        throw new Refusal(415, "unsupported Content-Encoding '" + encoding + "' (gzip or identity)",
            "Content-Encoding");
      }
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
        byte[] inflated = readAtMost(in, limit);
        if (inflated == null) {
          throw tooLarge(limit, limitName);
        }
        return inflated;
      } catch (ZipException | java.io.EOFException e) {
        throw Refusal.badRequest("Content-Encoding", "body is not valid gzip: " + e.getMessage());
      }
    } catch (IOException e) {
      if (stalled(e)) {
        // the client declared more than it sent, or stopped sending: say so rather than a bare 400
        throw new Refusal(408, "the request body stopped arriving before it was complete (nothing for 30 s): "
            + "send the whole body, as long as Content-Length says", "body");
      }
      throw Refusal.badRequest("body", "could not read the request body: " + e.getMessage());
    }
  }

  private static boolean stalled(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads and discards what the client is still sending (up to a cap), so it receives our 413 instead of a
   * broken pipe: HTTP/1.1 clients do not read the response before they finish the upload.
   */
  private static void drain(InputStream in, long upTo) throws IOException {
    long left = Math.min(upTo, DRAIN_CAP);
    byte[] buf = new byte[16 * 1024];
    int n;
    while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
  }

  /** The body parsed as JSON; 400 with the parser's location when it is not. */
  public JsonNode jsonBody(int limit, String limitName) {
    return json(body(limit, limitName));
  }

  /** Body bytes already read (see {@link #body}) parsed as JSON; 400 with the parser's location when not JSON. */
  public static JsonNode json(byte[] bytes) {
    if (bytes.length == 0) {
      throw Refusal.badRequest("body", "request body is empty; a JSON object is required");
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw Refusal.badRequest("body", "invalid JSON" + where + ": " + parserReason(e));
    } catch (IOException e) {
      throw Refusal.badRequest("body", "could not read JSON: " + e.getMessage());
    }
  }

  /** Jackson's reason without its source-location appendix, which means nothing to an HTTP client. */
  private static String parserReason(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    int appendix = reason.indexOf(" (start marker at");
    reason = appendix < 0 ? reason : reason.substring(0, appendix);
    int newline = reason.indexOf('\n');
    return newline < 0 ? reason : reason.substring(0, newline);
  }

  public String contentType() {
    String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The stream's bytes, or null once more than {@code limit} arrive. */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    int n;
    long total = 0;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static Refusal tooLarge(int limit, String limitName) {
    return Refusal.tooLarge("body", "request body exceeds the " + limitName + " limit of "
        + Limits.human(limit));
  }
}
