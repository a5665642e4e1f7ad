package io.uxlens.server;

import java.util.Map;

/**
 * An error the client caused or must act on, answered as {@code {"status":..,"error":..,"field":..}}.
 * Anything thrown in a handler that is not an ApiException is our fault and becomes a logged 500.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String field;
  private final Map<String, String> headers;

  public ApiException(int status, String error, String field, Map<String, String> headers) {
    super(error);
    this.status = status;
    this.field = field;
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public ApiException(int status, String error, String field) {
    this(status, error, field, null);
  }

  public ApiException(int status, String error) {
    this(status, error, null, null);
  }

  public static ApiException badRequest(String field, String error) {
    return new ApiException(400, error, field);
  }

  public static ApiException tooLarge(String field, String error) {
    return new ApiException(413, error, field);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
