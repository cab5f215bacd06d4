package dev.warden.engine.detect;

/**
 * Regex fragments for where a value may start. Values often sit in raw JSON text, where a line
 * break is the two characters {@code \n}; a plain "not after a letter" lookbehind would then refuse
 * {@code ...\nAKIA…} because of the {@code n}. The fragment allows a start right after an escaped
 * {@code \n}, {@code \r} or {@code \t} as well.
 */
final class Boundaries {
  private Boundaries() {}

  /** A start that is not preceded by {@code excluded}, or that follows a JSON escape. */
  static String startNotAfter(String excluded) {
    return "(?:(?<!" + excluded + ")|(?<=\\\\[nrt]))";
  }
}
