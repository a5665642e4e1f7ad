package io.uxlens.telemetry;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import io.uxlens.model.SketchQuantiles;
import io.uxlens.store.TelemetryRollupStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The DDSketches of the telemetry rollups: 1% relative accuracy, one mapping for all (so stored sketches merge, and
 * merge with the ones the perf metrics build from raw rows), stored in DDSketch's own encoding.
 */
public final class Sketches {
  public static final double RELATIVE_ACCURACY = 0.01;
  private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

  private Sketches() {}

  public static DDSketch empty() {
    return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
  }

  static byte[] encode(DDSketch s) {
    try {
      GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
      s.encode(out, false);
      return out.trimmedCopy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DDSketch decode(byte[] bytes) {
    try {
      return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new, MAPPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds stored bytes to a sketch without building a second sketch for them. */
  public static void mergeInto(DDSketch target, byte[] bytes) {
    try {
      target.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sketch's values at {@link TelemetryRollupStore#QUANTILES}, as a rollup row keeps them. */
  static double[] storedQuantiles(DDSketch s) {
    return SketchQuantiles.of(s, TelemetryRollupStore.QUANTILES);
  }
}
