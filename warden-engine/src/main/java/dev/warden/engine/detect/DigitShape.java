package dev.warden.engine.detect;

/**
 * The cheap gate for keyword-less, digit-shaped rules (cards, phone numbers): the length of the
 * longest run of digits in a text, where up to two separator characters ({@code space - . ( ) / +})
 * may sit between digits ({@code +1 (415) 555-0172} is one run of 11). One linear pass, no
 * allocation.
 */
final class DigitShape {
  private static final int MAX_SEPARATORS = 2;

  private DigitShape() {}

  static int longestRun(CharSequence text) {
    int best = 0;
    int digits = 0;
    int separators = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        separators = 0;
        best = Math.max(best, digits);
      } else if (digits > 0 && isSeparator(c) && separators < MAX_SEPARATORS) {
        separators++;
      } else {
        digits = 0;
        separators = 0;
      }
    }
    return best;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+';
  }
}
