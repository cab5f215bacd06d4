package dev.warden.engine.normalize;

import java.util.Map;

/**
 * HTML character references: decimal {@code &#64;} and hexadecimal {@code &#x40;} (the closing
 * {@code ;} optional, as browsers read them), and the named references of ASCII punctuation and the
 * no-break space. Named references of letters ({@code &eacute;}) are not read: they spell words,
 * not the separators of a value.
 */
final class HtmlReferences {
  private HtmlReferences() {}

  /** Longest name read. */
  private static final int MAX_NAME = 8;

  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", "\u00a0"),
          Map.entry("commat", "@"),
          Map.entry("period", "."),
          Map.entry("colon", ":"),
          Map.entry("semi", ";"),
          Map.entry("comma", ","),
          Map.entry("sol", "/"),
          Map.entry("bsol", "\\"),
          Map.entry("lowbar", "_"),
          Map.entry("hyphen", "-"),
          Map.entry("dash", "-"),
          Map.entry("excl", "!"),
          Map.entry("quest", "?"),
          Map.entry("num", "#"),
          Map.entry("dollar", "$"),
          Map.entry("percnt", "%"),
          Map.entry("plus", "+"),
          Map.entry("equals", "="),
          Map.entry("ast", "*"),
          Map.entry("lpar", "("),
          Map.entry("rpar", ")"),
          Map.entry("lsqb", "["),
          Map.entry("rsqb", "]"),
          Map.entry("lcub", "{"),
          Map.entry("rcub", "}"),
          Map.entry("verbar", "|"),
          Map.entry("grave", "`"),
          Map.entry("Hat", "^"),
          Map.entry("tilde", "~"));

  /**
   * The end of the reference starting at {@code at} (where {@code text} holds {@code &}), or {@code
   * at} when none starts there.
   */
  static int end(String text, int at) {
    int n = text.length();
    if (at >= n || text.charAt(at) != '&' || at + 2 >= n) {
      return at;
    }
    if (text.charAt(at + 1) == '#') {
      boolean hex = text.charAt(at + 2) == 'x' || text.charAt(at + 2) == 'X';
      int digitsFrom = at + (hex ? 3 : 2);
      int k = digitsFrom;
      while (k < n && text.charAt(k) == '0') {
        k++; // leading zeros, as a browser reads them: &#000052; is "4"
      }
      int significantFrom = k;
      long value = 0;
      while (k < n && k - significantFrom < 7) {
        int d = Character.digit(text.charAt(k), hex ? 16 : 10);
        if (d < 0 || text.charAt(k) > 'f') {
          break;
        }
        value = value * (hex ? 16 : 10) + d;
        k++;
      }
      if (k == digitsFrom || !Character.isValidCodePoint((int) value)) {
        return at;
      }
      if ((value >= 0xD800 && value <= 0xDFFF) || value == 0) {
        return at;
      }
      return k < n && text.charAt(k) == ';' ? k + 1 : k;
    }
    int k = at + 1;
    while (k < n && k - at - 1 < MAX_NAME && Character.isLetter(text.charAt(k))) {
      k++;
    }
    if (k < n && text.charAt(k) == ';' && NAMED.containsKey(text.substring(at + 1, k))) {
      return k + 1;
    }
    return at;
  }

  /** Appends what the reference {@code text[from, to)} (as {@link #end} found it) stands for. */
  static void appendDecoded(String text, int from, int to, StringBuilder out) {
    if (text.charAt(from + 1) == '#') {
      boolean hex = text.charAt(from + 2) == 'x' || text.charAt(from + 2) == 'X';
      int digitsEnd = text.charAt(to - 1) == ';' ? to - 1 : to;
      int value = Integer.parseInt(text, from + (hex ? 3 : 2), digitsEnd, hex ? 16 : 10);
      out.appendCodePoint(value);
      return;
    }
    out.append(NAMED.get(text.substring(from + 1, to - 1)));
  }
}
