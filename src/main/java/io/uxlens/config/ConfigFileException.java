package io.uxlens.config;

/**
 * A configuration file (journeys, experiments...) a server cannot start with: names the file, the path inside it
 * (e.g. {@code journeys[2].steps[1].event}) and the rule broken. The CLI prints it as a one-line usage error and
 * exits 2.
 */
public class ConfigFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String path;
  private final String rule;

  public ConfigFileException(String file, String path, String rule) {
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
