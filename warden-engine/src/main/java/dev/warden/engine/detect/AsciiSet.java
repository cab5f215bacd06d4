package dev.warden.engine.detect;

import org.jspecify.annotations.Nullable;

/**
 * A set of characters declared by a rule ({@link Rule#startsAfterNone()}, {@link
 * Rule#digitRegionNeeds()}), tested with one table read for ASCII instead of a search through the
 * declared string; other characters are looked up in that string, so membership is exactly {@code
 * chars.indexOf(c) >= 0}.
 */
final class AsciiSet {
  private final boolean[] ascii = new boolean[128];
  private final String chars;

  private AsciiSet(String chars) {
    this.chars = chars;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c < 128) {
        ascii[c] = true;
      }
    }
  }

  /** The set of {@code chars}, or {@code null} when they are not declared. */
  static @Nullable AsciiSet ofNullable(@Nullable String chars) {
    return chars == null ? null : new AsciiSet(chars);
  }

  boolean contains(char c) {
    return c < 128 ? ascii[c] : chars.indexOf(c) >= 0;
  }

  /** Whether one of {@code text[from, to)} is in the set. */
  boolean anyIn(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (contains(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
