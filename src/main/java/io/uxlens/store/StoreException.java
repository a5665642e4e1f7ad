package io.uxlens.store;

/** Root of every failure raised by the store layer, with the operation that failed. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
