package dev.warden.engine.detect;

/**
 * Regex fragments and character tests for where a value or a word may start and end.
 *
 * <p>Values often sit in raw JSON text, where a line break is the two characters {@code \n}; a
 * plain "not after a letter" lookbehind would then refuse {@code ...\nAKIA…} because of the {@code
 * n}. {@link #startNotAfter} allows a start right after an escaped {@code \n}, {@code \r} or {@code
 * \t} as well, and after a percent escape ({@code id_token%3DeyJ…}, {@code ssn%3D…}) of URL-encoded
 * text; {@code RuleDetector.afterEscape} lets the same starts through its start prefilter.
 *
 * <p>Japanese and Chinese are written without spaces, and Korean glues particles to the word before
 * ({@code hong@company.kr입니다}). A change between a CJK script (Han, Hiragana, Katakana, Hangul) and
 * any other script is therefore a word boundary: {@link #CJK} names those scripts for regexes and
 * {@link #isCjk} for code.
 */
final class Boundaries {
  private Boundaries() {}

  /**
   * The CJK code point ranges (Han, Hiragana, Katakana, Hangul blocks, including the Katakana
   * prolonged sound marks), as inclusive pairs. Ranges rather than {@code \\p{IsHan}}-style script
   * properties: a script lookup is a binary search per character, which made every email scan of
   * Latin text pay for CJK support; a range test costs a comparison or two.
   */
  private static final int[] CJK_RANGES = {
    0x1100, 0x11FF, // Hangul Jamo
    0x2E80, 0x2FDF, // CJK radicals, Kangxi radicals
    0x3005, 0x3007, // 々 〆 〇
    0x3021, 0x3029, // Hangzhou numerals
    0x3038, 0x303B,
    0x3041, 0x30FF, // Hiragana, Katakana (incl. ー)
    0x3130, 0x318F, // Hangul compatibility Jamo
    0x31F0, 0x31FF, // Katakana phonetic extensions
    0x3400, 0x4DBF, // CJK extension A
    0x4E00, 0x9FFF, // CJK unified ideographs
    0xA960, 0xA97F, // Hangul Jamo extended A
    0xAC00, 0xD7FF, // Hangul syllables, Jamo extended B
    0xF900, 0xFAFF, // CJK compatibility ideographs
    0xFF66, 0xFF9F, // half-width Katakana (incl. ｰ)
    0xFFA0, 0xFFDC, // half-width Hangul
    0x20000, 0x3FFFF // supplementary ideographic planes
  };

  /** The lowest CJK code point: no character below it is CJK. */
  static final int FIRST_CJK = CJK_RANGES[0];

  /**
   * Regex character-class content (use inside {@code [...]}) for {@link #CJK_RANGES}. The ranges
   * sit behind an intersection with {@code [\\x{1100}-\\x{10FFFF}]}: {@code java.util.regex}
   * evaluates a class as a chain of predicates, and the cheap range test first lets an ASCII
   * character fail without walking every CJK range.
   */
  static final String CJK = cjkClass();

  private static String cjkClass() {
    StringBuilder sb = new StringBuilder("[\\x{1100}-\\x{10FFFF}&&[");
    for (int i = 0; i < CJK_RANGES.length; i += 2) {
      sb.append(String.format("\\x{%X}-\\x{%X}", CJK_RANGES[i], CJK_RANGES[i + 1]));
    }
    return sb.append("]]").toString();
  }

  /** ASCII letters and digits, for {@link Rule#startsAfterNone()} declarations. */
  static final String ASCII_ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** The characters of {@code \\w} (ASCII letters, digits, underscore). */
  static final String ASCII_WORD = ASCII_ALNUM + "_";

  /**
   * A start that is not preceded by {@code excluded}, or that follows a JSON escape ({@code \n}) or
   * a percent escape ({@code id_token%3DeyJ…}): the escape's last letter or digit stands for a
   * separator, not for part of the token.
   */
  static String startNotAfter(String excluded) {
    return "(?:(?<!" + excluded + ")|(?<=\\\\[nrt])|(?<=%[0-9A-Fa-f]{2}))";
  }

  /** Whether {@code codePoint} is written in a CJK script (see {@link #CJK}). */
  static boolean isCjk(int codePoint) {
    if (codePoint < CJK_RANGES[0]) {
      return false;
    }
    for (int i = 0; i < CJK_RANGES.length; i += 2) {
      if (codePoint < CJK_RANGES[i]) {
        return false;
      }
      if (codePoint <= CJK_RANGES[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code c} continues a word of a space-separated script: a letter or digit that is not
   * CJK. Punctuation, {@code _}, spaces and CJK characters all end such a word.
   */
  static boolean isWordChar(char c) {
    if (c < 128) { // ASCII: no marks, no CJK; the type lookup below is the slow part
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    int type = Character.getType(c);
    boolean mark =
        type == Character.NON_SPACING_MARK
            || type == Character.COMBINING_SPACING_MARK
            || type == Character.ENCLOSING_MARK;
    return (Character.isLetterOrDigit(c) || mark) && !isCjk(c);
  }
}
