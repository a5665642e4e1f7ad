package io.uxlens.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeAnnotationsTest {
  @Test
  void aSpikeBecomesAStableTaggedRangeAnnotation() {
    long min = 60_000;
    List<SpikeDetector.Spike> spikes = List.of(new SpikeDetector.Spike(10 * min, 11 * min, 0.2, 0.03, 11.4664, 200));
    List<Annotation> a = SpikeAnnotations.of("checkout", "Checkout", min, spikes);
    assertThat(a).singleElement().satisfies(x -> {
      assertThat(x.id()).isEqualTo("spike-checkout-600000");
      assertThat(x.time()).isEqualTo(600_000);
      assertThat(x.timeEnd()).isEqualTo(720_000); // the end of the last spike bucket
      assertThat(x.title()).isEqualTo("Error-rate spike: Checkout");
      assertThat(x.text()).isEqualTo("20.0% of finished attempts had an error at the peak, against a baseline of "
          + "3.0% (robust z 11.5, 200 finished attempts in the spike)");
      assertThat(x.tags()).isEqualTo("[\"spike\",\"error_rate\",\"checkout\"]");
      assertThat(x.source()).isEqualTo("uxlens-spikes");
    });
    assertThat(SpikeAnnotations.of("checkout", "Checkout", min, spikes)).isEqualTo(a);
  }
}
