package io.uxlens.grafana;

import java.util.Objects;

/** One query of a panel: its refId, the metric id it names, its payload options, and whether it is hidden. */
public record Target(String refId, String target, Payload payload, boolean hide) {
  public Target {
    refId = refId == null || refId.isBlank() ? "A" : refId;
    payload = Objects.requireNonNullElse(payload, Payload.EMPTY);
  }

  /** Grafana skips hidden targets and targets with no metric chosen yet. */
  public boolean runnable() {
    return !hide && target != null && !target.isBlank();
  }
}
