package io.uxlens.model;

import io.uxlens.journey.JourneyDefinitions;

/** Test fixture for LayerRulesTest: model pointing back at journey (which uses model) closes a package cycle. */
final class CycleFixture {
  private CycleFixture() {}

  static int journeys(JourneyDefinitions definitions) {
    return definitions.all().size();
  }
}
