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

  /** Whether any declared character is outside ASCII; when none is, others need no search. */
  private final boolean wide;

  private AsciiSet(String chars) {
    this.chars = chars;
    this.wide = chars.chars().anyMatch(c -> c >= 128);
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
    return c < 128 ? ascii[c] : wide && chars.indexOf(c) >= 0;
  }

  /** Whether every ASCII letter and digit is in the set. */
  boolean containsAsciiAlphanumerics() {
    for (char c = '0'; c <= 'z'; c++) {
      if (Character.isLetterOrDigit(c) && !ascii[c]) {
        return false;
      }
    }
    return true;
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
