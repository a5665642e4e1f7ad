package io.uxlens.server;

/** A request handler. Throw {@link ApiException} for anything the client must fix. */
@FunctionalInterface
public interface Route {
  Reply handle(HttpCall call) throws Exception;
}
