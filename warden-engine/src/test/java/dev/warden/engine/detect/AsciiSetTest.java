package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link AsciiSet} answers exactly what a search through the declared string answers. */
class AsciiSetTest {
  private static final String ALPHABET = "ab09 -.+/()_*#\\nré：는ſK\u0000\u007f\u0080";

  @Test
  void membershipAndRangesMatchTheDeclaredString() {
    SplittableRandom random = new SplittableRandom(4);
    int hits = 0;
    for (int i = 0; i < 2_000; i++) {
      String declared = randomText(random, 1 + random.nextInt(6));
      AsciiSet set = java.util.Objects.requireNonNull(AsciiSet.ofNullable(declared));
      for (int c = 0; c < 0x3000; c += 1 + random.nextInt(7)) {
        assertThat(set.contains((char) c)).isEqualTo(declared.indexOf((char) c) >= 0);
      }
      String text = randomText(random, random.nextInt(12));
      int from = random.nextInt(text.length() + 1);
      int to = from + random.nextInt(text.length() - from + 1);
      boolean expected = false;
      for (int j = from; j < to; j++) {
        expected |= declared.indexOf(text.charAt(j)) >= 0;
      }
      assertThat(set.anyIn(text, from, to)).as("%s in %s", declared, text).isEqualTo(expected);
      hits += expected ? 1 : 0;
    }
    assertThat(hits).isPositive();
    assertThat(AsciiSet.ofNullable(null)).isNull();
  }

  @Test
  void containsAsciiAlphanumericsOnlyWhenEveryLetterAndDigitIsDeclared() {
    String all = Boundaries.ASCII_WORD;
    assertThat(set(all).containsAsciiAlphanumerics()).isTrue();
    assertThat(set("+" + all + "é").containsAsciiAlphanumerics()).isTrue();
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      String without = all.substring(0, i) + all.substring(i + 1);
      assertThat(set(without).containsAsciiAlphanumerics()).as("without %s", c).isEqualTo(c == '_');
    }
  }

  private static AsciiSet set(String declared) {
    return java.util.Objects.requireNonNull(AsciiSet.ofNullable(declared));
  }

  private static String randomText(SplittableRandom random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
