package io.uxlens.experiment;

/**
 * An experiments file a server cannot start with: names the file, the path inside it (e.g.
 * {@code experiments[1].control}) and the rule broken. The CLI prints it as a one-line usage error and exits 2,
 * as it does for a bad journeys file.
 */
public final class ExperimentFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String path;
  private final String rule;

  public ExperimentFileException(String file, String path, String rule) {
    super(file + ": " + (path.isEmpty() ? "" : path + ": ") + rule);
    this.file = file;
    this.path = path;
    this.rule = rule;
  }

  public String file() {
    return file;
  }

  public String path() {
    return path;
  }

  public String rule() {
    return rule;
  }
}
