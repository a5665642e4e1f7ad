package io.uxlens.query.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JourneyFanOutTest {
  @Test
  void answersComeInTheItemsOrderWhateverThreadTookThem() {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();
    List<String> names = JourneyFanOut.map(items, i -> {
      sleep(i % 3); // threads finish out of order
      return "j" + i;
    });
    assertThat(names).isEqualTo(items.stream().map(i -> "j" + i).toList());
  }

  @Test
  void aFailureOfOneJourneyIsTheQuerysFailure() {
    assertThatThrownBy(() -> JourneyFanOut.map(List.of(1, 2, 3), i -> {
      if (i == 2) {
        throw new IllegalArgumentException("journey 2 failed");
      }
      return i;
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("journey 2 failed");
    assertThat(JourneyFanOut.map(List.of(1, 3), i -> i)).containsExactly(1, 3); // control
  }

  @Test
  void whenEveryHelperIsBusyTheQueryAnswersOnItsOwnThread() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int busy = Math.max(1, cores - 1) + 1; // every helper, and the first query's own thread
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    CompletableFuture<List<Integer>> first = CompletableFuture.supplyAsync(() ->
        JourneyFanOut.map(IntStream.range(0, busy).boxed().toList(), i -> {
          started.incrementAndGet();
          await(release);
          return i;
        }));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (started.get() < busy && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(started).hasValue(busy);
    String caller = Thread.currentThread().getName();
    List<String> threads = JourneyFanOut.map(List.of(1, 2, 3), i -> Thread.currentThread().getName());
    assertThat(threads).containsOnly(caller);
    assertThat(first).isNotDone();
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(IntStream.range(0, busy).boxed().toList());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
