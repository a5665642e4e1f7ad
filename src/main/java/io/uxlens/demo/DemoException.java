package io.uxlens.demo;

/** The demo could not do its job (a request refused, the server unreachable); the message says which. */
public final class DemoException extends RuntimeException {
  public DemoException(String message) {
    super(message);
  }

  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
