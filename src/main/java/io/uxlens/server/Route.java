package io.uxlens.server;

import io.uxlens.Refusal;

/** A request handler. Throw {@link Refusal} for anything the client must fix. */
@FunctionalInterface
public interface Route {
  Reply handle(HttpCall call) throws Exception;
}
