package io.uxlens.journey;

/**
 * A journeys file that cannot be used: names the file, the path inside it (e.g. {@code journeys[2].steps[1].event})
 * and the rule broken. The CLI prints the message as a one-line usage error and exits 2.
 */
public final class JourneyFileException extends RuntimeException {
  private final String file;
  private final String path;
  private final String rule;

  public JourneyFileException(String file, String path, String rule) {
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
