package io.uxlens.journey;

import org.jdbi.v3.core.Handle;

/** Test fixture for LayerRulesTest: the journey engine running SQL itself, which only the store may do. */
final class SqlFixture {
  private SqlFixture() {}

  static int count(Handle h) {
    return h.createQuery("SELECT COUNT(*) FROM journey_attempts").mapTo(Integer.class).one();
  }
}
