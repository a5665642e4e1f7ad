package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spike scan's due ranges (journey_spike_scans_due) on a real store, through the single writer. */
class SpikeScansDueTest {
  @TempDir
  Path dir;
  private Store store;
  private Writer writer;
  private SpikeStore spikes;

  @BeforeEach
  void open() {
    store = TestStores.open(dir, "uxlens");
    writer = new Writer(store.jdbi(), 64);
    spikes = new SpikeStore(store.jdbi());
  }

  @AfterEach
  void close() {
    writer.close();
    store.close();
  }

  private void mark(SpikeStore.Due... ranges) {
    writer.submit(h -> {
      SpikeStore.markDue(h, List.of(ranges));
      return null;
    }).join();
  }

  @Test
  void rangesWidenPerJourneyAndAScanClearsOnlyTheRangeItRead() {
    mark(new SpikeStore.Due("checkout", 600_000, 1_200_000), new SpikeStore.Due("onboarding", 0, 60_000));
    mark(new SpikeStore.Due("checkout", 900_000, 1_800_000)); // overlaps: the later end is kept, the start too
    mark(new SpikeStore.Due("checkout", 300_000, 400_000)); // before it: the earlier start
    SpikeStore.Due checkout = new SpikeStore.Due("checkout", 300_000, 1_800_000);
    SpikeStore.Due onboarding = new SpikeStore.Due("onboarding", 0, 60_000);
    assertThat(spikes.due()).containsExactly(checkout, onboarding);

    // the sessionizer widened the range after the scan read it: the scan's write must leave it due
    mark(new SpikeStore.Due("checkout", 1_800_000, 2_400_000));
    SpikeStore.Row spike = new SpikeStore.Row("checkout", 600_000, 900_000, 300_000, 0.4, 0.02, 9.5, 60);
    SpikeStore.replace(writer, checkout, 300_000, 2_100_000, List.of(spike)).join();
    assertThat(spikes.overlapping(0, 3_000_000)).containsExactly(spike);
    SpikeStore.Due widened = new SpikeStore.Due("checkout", 300_000, 2_400_000);
    assertThat(spikes.due()).containsExactly(widened, onboarding);

    // control: a scan of the range as it stands clears it, and only its journey's
    SpikeStore.replace(writer, widened, 300_000, 2_700_000, List.of()).join();
    assertThat(spikes.overlapping(0, 3_000_000)).isEmpty();
    assertThat(spikes.due()).containsExactly(onboarding);
    SpikeStore.dropDue(writer, onboarding).join();
    assertThat(spikes.due()).isEmpty();
  }
}
