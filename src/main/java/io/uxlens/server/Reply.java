package io.uxlens.server;

import io.uxlens.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  public static final String JSON = "application/json";

  public static Reply json(int status, Object value) {
    return new Reply(status, JSON, Json.writeBytes(value), Map.of());
  }

  public static Reply json(Object value) {
    return json(200, value);
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Reply empty(int status) {
    return new Reply(status, null, new byte[0], Map.of());
  }

  public static Reply error(int status, String error, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", error);
    if (field != null) {
      body.put("field", field);
    }
    return json(status, body);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, body, h);
  }

  public Reply withHeaders(Map<String, String> extra) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putAll(extra);
    return new Reply(status, contentType, body, h);
  }
}
