package io.uxlens.store;

import io.uxlens.journey.JourneyDefinitions;

/** Test fixture for LayerRulesTest: a store class that uses the journey engine, which the layering forbids. */
final class UpwardImportFixture {
  private UpwardImportFixture() {}

  static int journeys(JourneyDefinitions definitions) {
    return definitions.all().size();
  }
}
