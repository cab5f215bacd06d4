package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Boundaries#isWordChar}'s ASCII shortcut answers as the Unicode definition it skips. */
class WordCharTest {
  @Test
  void everyCharAnswersAsTheUnicodeDefinition() {
    int words = 0;
    for (int i = 0; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      int type = Character.getType(c);
      boolean mark =
          type == Character.NON_SPACING_MARK
              || type == Character.COMBINING_SPACING_MARK
              || type == Character.ENCLOSING_MARK;
      boolean expected = (Character.isLetterOrDigit(c) || mark) && !Boundaries.isCjk(c);
      assertThat(Boundaries.isWordChar(c)).as("U+%04X", i).isEqualTo(expected);
      words += expected ? 1 : 0;
    }
    assertThat(words).isGreaterThan(62);
  }
}
