package io.uxlens;

import java.util.Map;

/**
 * A request refused because of what the client sent or must do: the HTTP status, the field at fault (a dotted path,
 * or null for the whole request) and the rule it broke. Raised where the problem is found, in any layer; the server
 * turns it into {@code {"status":..,"error":..,"field":..}} in one place. It never means our bug: anything else
 * thrown while answering is a logged 500.
 */
public class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;
  private final transient Map<String, String> headers;

  public Refusal(int status, String rule, String field, Map<String, String> headers) {
    super(rule);
    this.status = status;
    this.field = field;
    this.headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public Refusal(int status, String rule, String field) {
    this(status, rule, field, null);
  }

  /** 400: {@code field} broke {@code rule}. */
  public static Refusal badRequest(String field, String rule) {
    return new Refusal(400, rule, field);
  }

  /** 413: a size limit, named in the rule. */
  public static Refusal tooLarge(String field, String rule) {
    return new Refusal(413, rule, field);
  }

  /** 503 with Retry-After: nothing is wrong with the request; the service cannot take it now. */
  public static Refusal unavailable(String why) {
    return new Refusal(503, why, null, Map.of("Retry-After", "1"));
  }

  /** The same refusal with a cause kept for the log (an unparseable body's parser error). */
  public Refusal because(Throwable cause) {
    initCause(cause);
    return this;
  }

  /** The same refusal with its field placed under {@code prefix}, e.g. {@code score} inside {@code items[3]}. */
  public Refusal under(String prefix) {
    String path = field == null || field.isEmpty() ? prefix : prefix.isEmpty() ? field : prefix + "." + field;
    return new Refusal(status, getMessage(), path, headers);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  /** The rule broken, in words a person can act on (also the exception message). */
  public String rule() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }
}
