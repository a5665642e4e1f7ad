package io.uxlens.journey;

import io.uxlens.config.ConfigFileException;

/** A journeys file that cannot be used, e.g. {@code FILE: journeys[2].steps[1].event: required: ...}. */
public final class JourneyFileException extends ConfigFileException {
  private static final long serialVersionUID = 1L;

  public JourneyFileException(String file, String path, String rule) {
    super(file, path, rule);
  }
}
