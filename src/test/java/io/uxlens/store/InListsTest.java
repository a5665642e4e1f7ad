package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IN lists are padded to a few lengths (so Jdbi parses a handful of statement texts, not one per list length) and
 * select exactly what the values themselves select, on a real store.
 */
class InListsTest {
  @TempDir Path dir;

  @Test
  void paddedListsHaveFewLengthsAndSelectExactlyTheirValues() {
    Set<Integer> lengths = new HashSet<>();
    for (int n = 1; n <= 1_200; n++) {
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(i);
      }
      List<Integer> seen = new ArrayList<>();
      for (List<Integer> part : JourneyStore.inLists(values)) {
        lengths.add(part.size());
        assertThat(Integer.bitCount(part.size()) == 1 || part.size() == JourneyStore.IN_CHUNK).as("%d", n).isTrue();
        new HashSet<>(part).stream().sorted().forEach(seen::add);
      }
      assertThat(seen).as("every value once, in order, for %d", n).isEqualTo(values);
    }
    assertThat(lengths).hasSize(10); // 1, 2, 4 ... 256 and 500

    try (Store store = TestStores.open(dir, "in-lists")) {
      store.jdbi().useHandle(h -> {
        for (int i = 0; i < 40; i++) {
          h.execute("INSERT INTO feedback (id, kind, ts, tags, source) VALUES (?, 'nps', ?, '[]', 'test')",
              "f" + i, 1000L + i);
        }
      });
      for (List<String> wanted : List.of(List.of("f3"), List.of("f1", "f2", "f30"), List.of("f0", "f5", "f9",
          "f11", "f12", "f13", "f39", "nope"))) {
        List<String> got = new ArrayList<>();
        for (List<String> part : JourneyStore.inLists(wanted)) {
          assertThat(part.size()).isGreaterThanOrEqualTo(wanted.size() == 3 ? 4 : wanted.size());
          got.addAll(store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM feedback WHERE id IN (<ids>) "
              + "ORDER BY seq").bindList("ids", part).mapTo(String.class).list()));
        }
        assertThat(got).isEqualTo(wanted.stream().filter(id -> !id.equals("nope")).toList());
      }
    }
  }
}
