package io.uxlens.experiment;

import io.uxlens.config.ConfigFileException;

/** An experiments file a server cannot start with, e.g. {@code FILE: experiments[1].control: ...}. */
public final class ExperimentFileException extends ConfigFileException {
  private static final long serialVersionUID = 1L;

  public ExperimentFileException(String file, String path, String rule) {
    super(file, path, rule);
  }
}
