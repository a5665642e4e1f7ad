package io.uxlens.experiment;

/**
 * A refused experiment definition or request: {@code path} says where (e.g. {@code experiments[1].control}, or
 * {@code experiment} for a request parameter) and {@code rule} what was broken, so an adapter can map it to
 * {@code ApiException(400 or 404, rule, path)}. {@code unknown} marks "no such experiment" (a 404, not a 400).
 */
public final class ExperimentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String rule;
  private final boolean unknown;

  public ExperimentException(String path, String rule) {
    this(path, rule, false);
  }

  private ExperimentException(String path, String rule, boolean unknown) {
    super(path.isEmpty() ? rule : path + ": " + rule);
    this.path = path;
    this.rule = rule;
    this.unknown = unknown;
  }

  public static ExperimentException unknownExperiment(String id, java.util.Collection<String> known) {
    return new ExperimentException("experiment", "unknown experiment '" + id + "'"
        + (known.isEmpty() ? " (none declared or seen)" : " (known: " + String.join(", ", known) + ")"), true);
  }

  /** Prefixes the path, so a definition's own rule reads with its place in the file. */
  public ExperimentException under(String prefix) {
    return new ExperimentException(path.isEmpty() ? prefix : prefix + "." + path, rule, unknown);
  }

  public String path() {
    return path;
  }

  public String rule() {
    return rule;
  }

  public boolean unknown() {
    return unknown;
  }
}
