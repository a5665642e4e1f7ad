package io.uxlens.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.uxlens.model.Event;
import io.uxlens.testing.StoredRecords;
import io.uxlens.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment's own Java client, pointed at UX Lens, delivers track, page and identify calls unchanged. */
class SegmentClientTest {
  @TempDir Path dir;

  @Test
  void officialClientDeliversTrackPageAndIdentify() throws Exception {
    try (TestServer server = TestServer.start(dir, c -> c.withWriteKeys(List.of("wk-test")))) {
      CountDownLatch delivered = new CountDownLatch(3);
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Analytics analytics = Analytics.builder("wk-test")
          .endpoint(server.uri("/").toString())
          .flushQueueSize(3)
          .callback(new Callback() {
            @Override
            public void success(Message message) {
              delivered.countDown();
            }

            @Override
            public void failure(Message message, Throwable error) {
              failures.add(error);
              delivered.countDown();
            }
          })
          .build();
      try {
        analytics.enqueue(TrackMessage.builder("Import Started").userId("user-7")
            .properties(Map.of("session_id", "sess-7", "rows", 12000)));
        analytics.enqueue(PageMessage.builder("Import").userId("user-7")
            .properties(Map.of("session_id", "sess-7")));
        analytics.enqueue(IdentifyMessage.builder().userId("user-7").traits(Map.of("plan", "pro")));
        analytics.flush();
        assertThat(delivered.await(20, TimeUnit.SECONDS)).as("client callbacks").isTrue();
      } finally {
        analytics.shutdown();
      }
      assertThat(failures).isEmpty();

      List<Event> stored = new StoredRecords(server.server().store().jdbi()).eventsOfSession("sess-7");
      assertThat(stored).extracting(Event::type).containsExactlyInAnyOrder("track", "page");
      assertThat(stored).filteredOn(e -> e.type().equals("track")).first()
          .satisfies(e -> {
            assertThat(e.name()).isEqualTo("Import Started");
            assertThat(e.userId()).isEqualTo("user-7");
            assertThat(e.context()).contains("analytics-java");
          });
      assertThat(server.count("events")).isEqualTo(3);
    }
  }
}
