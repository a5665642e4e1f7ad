package io.uxlens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The anchors of docs/runbooks.md as GitHub renders them, to check that every alert's runbook link lands. */
public final class Runbooks {
  public static final Path FILE = Path.of("docs/runbooks.md");
  public static final String PREFIX = "docs/runbooks.md#";

  private Runbooks() {}

  public static Set<String> anchors() throws IOException {
    return Files.readAllLines(FILE).stream()
        .filter(l -> l.startsWith("#"))
        .map(l -> l.replaceFirst("^#+\\s*", ""))
        .map(Runbooks::anchor)
        .collect(Collectors.toSet());
  }

  /** GitHub's heading slug: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
