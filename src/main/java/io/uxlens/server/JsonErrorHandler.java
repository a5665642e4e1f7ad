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
    Reply reply = Reply.error(code, message == null ? "request refused" : message, null);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
    return ByteBuffer.wrap(Reply.error(status, reason == null ? "bad request" : reason, null).body());
  }
}
