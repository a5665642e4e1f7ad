package io.uxlens.store;

import io.uxlens.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Assignment;
import io.uxlens.model.Exposure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SQLite file, migrations applied by Flyway, writes through the single writer as ingest will do them. */
class ExposureStoreTest {
  private static final long DAY = 86_400_000L;
  @TempDir
  Path dir;
  private Store store;
  private Writer writer;
  private ExposureStore exposures;

  @BeforeEach
  void open() {
    store = TestStores.open(dir, "uxlens");
    writer = new Writer(store.jdbi(), 64);
    exposures = new ExposureStore(store.jdbi());
  }

  @AfterEach
  void close() {
    writer.close();
    store.close();
  }

  private int write(List<Exposure> batch) throws Exception {
    return writer.submit(h -> ExposureStore.insert(h, batch)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void firstExposureAssignsTheUnitAndCrossoversAreCountedOnce() throws Exception {
    assertThat(write(List.of(
        new Exposure("exp", "A", "u1", "s1", 1000),
        new Exposure("exp", "A", "u1", "s2", 5000),   // same variant, another session
        new Exposure("exp", "B", "u1", "s3", 9000),   // crossover: stays in A
        new Exposure("exp", "B", "u2", null, 2000),
        new Exposure("other", "X", "u1", "s1", 1000)))).isEqualTo(5);
    assertThat(exposures.unitsByVariant("exp", null)).isEqualTo(Map.of("A", 1L, "B", 1L));
    assertThat(exposures.crossovers("exp")).isEqualTo(1);
    assertThat(exposures.crossovers("other")).isZero();
    assertThat(exposures.assignments("exp")).containsExactly(
        new Assignment("exp", "u1", "A", 1000, "s1"),
        new Assignment("exp", "u2", "B", 2000, null));
    assertThat(exposures.variantsSeen()).isEqualTo(Map.of("exp", Set.of("A", "B"), "other", Set.of("X")));
    assertThat(new RecordCounts(store.jdbi()).all()).containsEntry(ExposureStore.KIND, 5L);
  }

  @Test
  void replaysChangeNothing() throws Exception {
    List<Exposure> batch = List.of(new Exposure("exp", "A", "u1", "s1", 1000),
        new Exposure("exp", "B", "u2", "s2", 2000));
    assertThat(write(batch)).isEqualTo(2);
    assertThat(write(batch)).isZero();
    assertThat(write(List.of())).isZero();
    assertThat(exposures.unitsByVariant("exp", null)).isEqualTo(Map.of("A", 1L, "B", 1L));
    assertThat(new RecordCounts(store.jdbi()).all()).containsEntry(ExposureStore.KIND, 2L);
  }

  @Test
  void assignmentDoesNotDependOnArrivalOrder() throws Exception {
    // A late-arriving earlier exposure takes the unit over; equal times fall to the smaller variant id.
    write(List.of(new Exposure("exp", "B", "u1", "s2", 5000)));
    write(List.of(new Exposure("exp", "A", "u1", "s1", 1000)));
    write(List.of(new Exposure("exp", "C", "u2", "s1", 3000), new Exposure("exp", "B", "u2", "s1", 3000)));
    assertThat(exposures.assignments("exp")).containsExactly(
        new Assignment("exp", "u1", "A", 1000, "s1"),
        new Assignment("exp", "u2", "B", 3000, "s1"));

    // Many shuffled arrival orders, in separate databases, end in the same table.
    List<Exposure> all = new ArrayList<>();
    Random random = new Random(5);
    for (int i = 0; i < 300; i++) {
      all.add(new Exposure("exp", random.nextBoolean() ? "A" : "B", "u" + random.nextInt(40),
          "s" + random.nextInt(3), random.nextInt(50) * 1000L));
    }
    List<Assignment> reference = null;
    for (int round = 0; round < 3; round++) {
      Collections.shuffle(all, random);
      try (Store s = TestStores.open(dir, "order" + round);
           Writer w = new Writer(s.jdbi(), 16)) {
        for (int i = 0; i < all.size(); i += 37) {
          List<Exposure> chunk = all.subList(i, Math.min(all.size(), i + 37));
          w.submit(h -> ExposureStore.insert(h, chunk)).get(10, TimeUnit.SECONDS);
        }
        List<Assignment> got = new ExposureStore(s.jdbi()).assignments("exp");
        if (reference == null) {
          reference = got;
        }
        assertThat(got).isEqualTo(reference);
      }
    }
    assertThat(reference).hasSizeGreaterThan(30);
  }

  @Test
  void newUnitsPerDayAndUnitsUntilATime() throws Exception {
    write(List.of(new Exposure("exp", "A", "u1", "s", 10),
        new Exposure("exp", "B", "u2", "s", 20),
        new Exposure("exp", "A", "u3", "s", DAY + 5),
        new Exposure("exp", "A", "u1", "s", DAY + 6),   // already assigned: not new
        new Exposure("exp", "A", "u4", "s", 3 * DAY)));
    assertThat(exposures.newUnitsPerBucket("exp", 0, 3 * DAY, DAY)).isEqualTo(Map.of(
        0L, Map.of("A", 1L, "B", 1L),
        DAY, Map.of("A", 1L)));
    assertThat(exposures.unitsByVariant("exp", DAY)).isEqualTo(Map.of("A", 1L, "B", 1L));
    assertThat(exposures.unitsByVariant("nothing", null)).isEmpty();
  }
}
