package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SprintCalendarTest {
  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void defaultIsTwoWeeksFromMondayFirstOfJanuary2024() {
    SprintCalendar cal = SprintCalendar.defaults();
    assertThat(cal.containing(ms("2024-01-01T00:00:00Z")))
        .isEqualTo(new Sprint(ms("2024-01-01T00:00:00Z"), ms("2024-01-15T00:00:00Z")));
    // the last millisecond of a sprint is still in it; the boundary starts the next one
    assertThat(cal.containing(ms("2024-01-14T23:59:59.999Z")).startMs()).isEqualTo(ms("2024-01-01T00:00:00Z"));
    assertThat(cal.containing(ms("2024-01-15T00:00:00Z")).startMs()).isEqualTo(ms("2024-01-15T00:00:00Z"));
    // 2026-11-20 is 1054 days after the anchor: 75 whole sprints (1050 days) -> starts 2026-11-16
    assertThat(cal.containing(Instant.parse("2026-11-20T12:00:00Z")))
        .isEqualTo(new Sprint(ms("2026-11-16T00:00:00Z"), ms("2026-11-30T00:00:00Z")));
  }

  @Test
  void sprintsRepeatBeforeTheAnchorToo() {
    SprintCalendar cal = SprintCalendar.defaults();
    assertThat(cal.containing(ms("2023-12-31T23:00:00Z")))
        .isEqualTo(new Sprint(ms("2023-12-18T00:00:00Z"), ms("2024-01-01T00:00:00Z")));
  }

  @Test
  void customAnchorAndLength() {
    SprintCalendar weekly = new SprintCalendar(Instant.parse("2026-03-04T09:00:00Z"), Duration.ofDays(7));
    Sprint s = weekly.containing(ms("2026-03-20T08:59:59Z"));
    assertThat(s).isEqualTo(new Sprint(ms("2026-03-11T09:00:00Z"), ms("2026-03-18T09:00:00Z")).next());
    assertThat(s.previous()).isEqualTo(new Sprint(ms("2026-03-11T09:00:00Z"), ms("2026-03-18T09:00:00Z")));
    assertThat(s.contains(s.endMs())).isFalse();
    assertThat(s.contains(s.startMs())).isTrue();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new SprintCalendar(Instant.EPOCH, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one hour");
    assertThatThrownBy(() -> new Sprint(10, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
