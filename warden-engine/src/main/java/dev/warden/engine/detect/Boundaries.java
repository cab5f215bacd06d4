package dev.warden.engine.detect;

/**
 * Regex fragments and character tests for where a value or a word may start and end.
 *
 * <p>Values often sit in raw JSON text, where a line break is the two characters {@code \n}; a
 * plain "not after a letter" lookbehind would then refuse {@code ...\nAKIA…} because of the {@code
 * n}. {@link #startNotAfter} allows a start right after an escaped {@code \n}, {@code \r} or {@code
 * \t} as well.
 *
 * <p>Japanese and Chinese are written without spaces, and Korean glues particles to the word before
 * ({@code hong@company.kr입니다}). A change between a CJK script (Han, Hiragana, Katakana, Hangul) and
 * any other script is therefore a word boundary: {@link #CJK} names those scripts for regexes and
 * {@link #isCjk} for code.
 */
final class Boundaries {
  private Boundaries() {}

  /**
   * Regex character-class content (use inside {@code [...]}) for the CJK scripts, including the
   * Katakana prolonged sound marks, which Unicode files under the common script.
   */
  static final String CJK =
      "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\x{30FC}\\x{FF70}";

  /** A start that is not preceded by {@code excluded}, or that follows a JSON escape. */
  static String startNotAfter(String excluded) {
    return "(?:(?<!" + excluded + ")|(?<=\\\\[nrt]))";
  }

  /** Whether {@code codePoint} is written in a CJK script (see {@link #CJK}). */
  static boolean isCjk(int codePoint) {
    if (codePoint == 0x30FC || codePoint == 0xFF70) {
      return true;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  /**
   * Whether {@code c} continues a word of a space-separated script: a letter or digit that is not
   * CJK. Punctuation, {@code _}, spaces and CJK characters all end such a word.
   */
  static boolean isWordChar(char c) {
    int type = Character.getType(c);
    boolean mark =
        type == Character.NON_SPACING_MARK
            || type == Character.COMBINING_SPACING_MARK
            || type == Character.ENCLOSING_MARK;
    return (Character.isLetterOrDigit(c) || mark) && !isCjk(c);
  }
}
