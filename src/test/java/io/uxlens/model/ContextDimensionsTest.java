package io.uxlens.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextDimensionsTest {
  static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
      + "Gecko) Chrome/131.0.0.0 Safari/537.36";
  static final String EDGE = CHROME_WINDOWS + " Edg/131.0.2903.86";
  static final String ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like "
      + "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

  private static String browser(Map<String, String> context) {
    return ContextDimensions.of(context, Map.of()).get("browser");
  }

  @Test
  void theBrowserIsTheFamilyOfSegmentsUserAgentString() {
    assertThat(browser(Map.of("userAgent", CHROME_WINDOWS))).isEqualTo("Chrome");
    // Edge and Chrome on Android share Chrome's tokens; the family still tells them apart
    assertThat(browser(Map.of("userAgent", EDGE))).isEqualTo("Edge");
    assertThat(browser(Map.of("userAgent", ANDROID_CHROME))).isEqualTo("Chrome Mobile");
    assertThat(browser(Map.of("userAgent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 "
        + "Firefox/133.0"))).isEqualTo("Firefox");
  }

  @Test
  void farosBrowserNameWinsAndUnknownStringsAreKeptAsOther() {
    assertThat(browser(Map.of("browser.name", "Firefox", "userAgent", CHROME_WINDOWS))).isEqualTo("Firefox");
    assertThat(browser(Map.of("userAgent", "curl/8.5.0"))).isEqualTo("curl");
    assertThat(browser(Map.of("userAgent", "something nobody sends"))).isEqualTo(Browsers.OTHER);
    // no string at all: no value, so the attempt falls in the "unknown" segment, never dropped
    assertThat(ContextDimensions.of(Map.of("app.version", "1"), Map.of())).doesNotContainKey("browser");
    assertThat(browser(Map.of("userAgent", "  "))).isNull();
  }
}
