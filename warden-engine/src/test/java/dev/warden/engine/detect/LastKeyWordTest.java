package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LastKeyWordTest {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  @Test
  void lastWordOfTheKey() {
    assertThat(Rule.lastKeyWord("content")).isEqualTo("content");
    assertThat(Rule.lastKeyWord("clientSecret")).isEqualTo("secret");
    assertThat(Rule.lastKeyWord("api_key")).isEqualTo("key");
    assertThat(Rule.lastKeyWord("X-API-Key")).isEqualTo("key");
    assertThat(Rule.lastKeyWord("")).isEqualTo("");
    assertThat(Rule.lastKeyWord("__")).isNull();
  }

  /** The lower-case fast path answers what the camel-case split and the regex split answer. */
  @Test
  void fastPathAgreesWithTheSplit() {
    SplittableRandom random = new SplittableRandom(3);
    String alphabet = "abcxyz019AZ_- .é가";
    for (int t = 0; t < 5_000; t++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String key = sb.toString();
      String[] words =
          NON_WORD.split(ContextWords.splitCamelCase(key).toLowerCase(Locale.ROOT).strip());
      String expected = words.length > 0 ? words[words.length - 1] : null;
      assertThat(Rule.lastKeyWord(key)).as(key).isEqualTo(expected);
    }
  }
}
