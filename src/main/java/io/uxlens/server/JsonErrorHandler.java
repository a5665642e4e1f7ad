package io.uxlens.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty raises before our router runs (bad URIs, oversized headers) are JSON like every other error. */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    Reply reply = Reply.error(code, rule(code, message), field(code));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
    return ByteBuffer.wrap(Reply.error(status, rule(status, reason), field(status)).body());
  }

  /** The part of the request Jetty refused, so even these answers name a field. */
  private static String field(int status) {
    return switch (status) {
      case 414 -> "uri";
      case 431 -> "headers";
      case 408 -> "body";
      default -> "request";
    };
  }

  private static String rule(int status, String reason) {
    return switch (status) {
      case 414 -> "the request line is longer than the 16 KB limit (URI Too Long)";
      case 431 -> "the request headers are larger than the 16 KB limit";
      default -> reason == null ? "the request is malformed" : reason;
    };
  }
}
