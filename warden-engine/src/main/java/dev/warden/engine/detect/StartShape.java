package dev.warden.engine.detect;

/**
 * A cheap necessary condition on where a rule's match can start, read before the regex is tried
 * there: the length of the digit run at the start and the character after it ({@code 455-84-4778}
 * opens with three digits and a dash, a date {@code 2026-03-14} with four), or the length of the
 * alphanumeric token ({@code RSSMRA85T10A562S} is sixteen characters).
 *
 * <p>Contract: whenever the rule's pattern matches starting at {@code start} ({@code lookingAt}
 * with transparent bounds), {@link #admits} returns {@code true}. It may admit starts where the
 * pattern then fails; it never refuses one where the pattern succeeds. It reads only characters a
 * match would consume, so a shorter scan region never turns a refusal wrong. {@code StartShapeTest}
 * checks every declared shape against its pattern at every position of generated digit shapes and
 * of every rule example.
 *
 * <p>Digit-gated rules are tried at every start a digit cluster and its margin allow: dates,
 * versions and build numbers reach every rule whose {@link Rule#minDigits()} they meet, so a regex
 * attempt (matcher reset, leading lookbehind, first classes, ≈ 100 ns) is paid hundreds of
 * thousands of times per megabyte of technical prose for a few dozen matches. A shape reads one to
 * sixteen characters instead.
 */
@FunctionalInterface
public interface StartShape {
  /**
   * Whether a match may start at {@code start} of {@code text}; {@code false} only when none can.
   */
  boolean admits(CharSequence text, int start);

  /** Admits what either shape admits: for a pattern that opens with an alternation. */
  default StartShape or(StartShape other) {
    StartShape self = this;
    return (text, start) -> self.admits(text, start) || other.admits(text, start);
  }

  /**
   * A run of {@code min} to {@code max} ASCII digits at the start that is not followed by another
   * digit: what {@code \d{n}} followed by a lookahead refusing {@code \w} requires.
   */
  static StartShape digits(int min, int max) {
    requireRange(min, max);
    return DigitRunShape.clause(min, max, null);
  }

  /**
   * A run of {@code min} to {@code max} ASCII digits at the start (0 for none), then one of {@code
   * next}: {@code \d{3}[- ]} is {@code digitsThen(3, 3, "- ")}.
   */
  static StartShape digitsThen(int min, int max, String next) {
    requireRange(min, max);
    if (next.isEmpty()) {
      throw new IllegalArgumentException("next must name at least one character");
    }
    return DigitRunShape.clause(min, max, next);
  }

  /**
   * {@code letters} ASCII upper-case letters, at most one of {@code separators}, then a run of
   * {@code minDigits} to {@code maxDigits} ASCII digits: {@code [XYZ][- ]?\d{7}} is {@code
   * uppercaseThenDigits(1, "- ", 7, 7)} (followed by a letter, the run ends there).
   */
  static StartShape uppercaseThenDigits(
      int letters, String separators, int minDigits, int maxDigits) {
    requireRange(minDigits, maxDigits);
    return (text, start) -> {
      int p = start;
      int end = text.length();
      for (int i = 0; i < letters; i++, p++) {
        if (p >= end || !isUpper(text.charAt(p))) {
          return false;
        }
      }
      if (p < end && separators.indexOf(text.charAt(p)) >= 0) {
        p++;
      }
      int run = DigitRunShape.digitRun(text, p, maxDigits + 1);
      return run >= minDigits && run <= maxDigits;
    };
  }

  /**
   * An ASCII alphanumeric token of exactly {@code length} characters at the start (the character
   * after it, if any, is not alphanumeric) whose first {@code leadingLetters} are letters: a
   * pattern bounded by {@code (?<![A-Za-z0-9])} and {@code (?![A-Za-z0-9])} on a fixed-length
   * alphanumeric body.
   */
  static StartShape alphanumericToken(int length, int leadingLetters) {
    if (leadingLetters < 0 || leadingLetters > length) {
      throw new IllegalArgumentException("leadingLetters must be in [0, length]");
    }
    return (text, start) -> {
      int end = start + length;
      if (end > text.length() || (end < text.length() && isAlphanumeric(text.charAt(end)))) {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (i < start + leadingLetters ? !isLetter(c) : !isAlphanumeric(c)) {
          return false;
        }
      }
      return true;
    };
  }

  private static void requireRange(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("digit run bounds must satisfy 0 <= min <= max");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLetter(char c) {
    return isUpper(c) || (c >= 'a' && c <= 'z');
  }

  private static boolean isAlphanumeric(char c) {
    return isLetter(c) || isDigit(c);
  }
}
