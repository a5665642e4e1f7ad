package io.uxlens.grafana;

import java.util.Objects;

/** The answer to Grafana's "Save & test": OK or ERROR with a human message. */
public record Health(Status status, String message) {
  public enum Status { OK, ERROR }

  public Health {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
