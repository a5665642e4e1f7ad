package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Masking of e-mail addresses, card-like numbers and phone numbers in feedback text. */
class TextMaskTest {

  @Test
  void masksEmailAddresses() {
    assertThat(TextMask.mask("write to jane.doe+uxlens@example.co.uk please"))
        .isEqualTo("write to ***@*** please");
    assertThat(TextMask.mask("Contact: O'Brien_99@mail-server.example.org.")).isEqualTo("Contact: ***@***.");
    assertThat(TextMask.mask("josé@correo.es y ana@x.io")).isEqualTo("***@*** y ***@***");
  }

  @Test
  void masksCardLikeDigitRuns() {
    assertThat(TextMask.mask("card 4111 1111 1111 1111 was charged twice"))
        .isEqualTo("card ****-****-****-**** was charged twice");
    assertThat(TextMask.mask("card 4111-1111-1111-1111.")).isEqualTo("card ****-****-****-****.");
    assertThat(TextMask.mask("amex 378282246310005")).isEqualTo("amex ****-****-****-****");
    assertThat(TextMask.mask("iban-like 12345678901234567890123")).isEqualTo("iban-like ****-****-****-****");
  }

  @Test
  void masksPhoneNumbers() {
    assertThat(TextMask.mask("call me at +1 (555) 123-4567 today")).isEqualTo("call me at ***-***-**** today");
    assertThat(TextMask.mask("UK: +44 20 7946 0958")).isEqualTo("UK: ***-***-****");
    assertThat(TextMask.mask("mobile 0612345678")).isEqualTo("mobile ***-***-****");
    assertThat(TextMask.mask("fr 06.12.34.56.78")).isEqualTo("fr ***-***-****");
    assertThat(TextMask.mask("ID5551234567")).isEqualTo("ID***-***-****");
    // the fewest digits a phone can have, and one fewer (not a phone: the text is left as is)
    assertThat(TextMask.mask("ring 555-1234")).isEqualTo("ring ***-***-****");
    assertThat(TextMask.mask("ticket 555-123 closed")).isEqualTo("ticket 555-123 closed");
  }

  @Test
  void keepsOrdinaryNumbersAndDates() {
    String text = "Import of 12000 rows failed on 2026-01-05 at 10:30, version 2.4.1, 3 times in 15 minutes";
    assertThat(TextMask.mask(text)).isEqualTo(text);
    assertThat(TextMask.mask("on 05/01/2026 and 2026.01.05")).isEqualTo("on 05/01/2026 and 2026.01.05");
    assertThat(TextMask.mask(null)).isNull();
    assertThat(TextMask.mask("")).isEmpty();
  }

  @Test
  void plantedEmailsCardsAndPhonesNeverSurvive() {
    Random random = new Random(42);
    String[] words = {"the", "import", "is", "slow", "and", "checkout", "failed", "again", "2", "of", "10", "!"};
    for (int i = 0; i < 2_000; i++) {
      String user = "u" + Integer.toString(random.nextInt(1 << 30), 36);
      String email = user + "@" + (random.nextBoolean() ? "example.com" : "mail.example.org");
      StringBuilder card = new StringBuilder();
      int digits = 13 + random.nextInt(7);
      String sep = new String[] {"", " ", "-"}[random.nextInt(3)];
      for (int d = 0; d < digits; d++) {
        card.append(d > 0 && d % 4 == 0 ? sep : "").append(random.nextInt(10));
      }
      String phone = "+" + (1 + random.nextInt(98)) + " " + (100 + random.nextInt(900)) + " "
          + (1000000 + random.nextInt(9000000));
      StringBuilder text = new StringBuilder();
      String[] planted = {email, card.toString(), phone};
      for (int w = 0; w < 12; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
        if (w % 4 == 3) {
          text.append(planted[w / 4]).append(random.nextBoolean() ? ", " : " ");
        }
      }
      String masked = TextMask.mask(text.toString());
      assertThat(masked).as(text.toString()).doesNotContain(user).doesNotContain("@example")
          .doesNotContain(card.toString()).doesNotContainPattern("\\d{5,}")
          .doesNotContain(phone.substring(phone.lastIndexOf(' ') + 1));
      assertThat(masked.replaceAll("[^0-9]", "").length()).as(masked).isLessThanOrEqualTo(6 * 4);
    }
  }
}
