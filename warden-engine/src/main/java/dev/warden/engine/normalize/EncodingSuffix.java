package dev.warden.engine.normalize;

/**
 * The encoding a key name declares for its value — {@code SMTP_PASSWORD_B64: "b3R0…"}, {@code
 * account_key_hex = 39 4f …}, {@code apiKeyBase64} — found right before an encoded value. Once the
 * value is decoded, the key without that suffix names it ({@code SMTP_PASSWORD}), which is what the
 * rules keyed on credential names read; a decoder drops the suffix from its view.
 */
final class EncodingSuffix {
  private EncodingSuffix() {}

  private static final String[] SUFFIXES = {"base64", "b64", "hex"};

  /** How far before the value the key may end: quotes, spaces and the operator. */
  private static final int MAX_GAP = 8;

  /**
   * The start of the encoding suffix of the key that ends at most a few characters before {@code
   * valueStart} (only quotes, spaces and {@code = :} between), not before {@code floor}; -1 when
   * there is none.
   */
  static int before(String text, int valueStart, int floor) {
    int k = valueStart - 1;
    boolean operator = false;
    while (k >= floor && valueStart - k <= MAX_GAP) {
      char c = text.charAt(k);
      if (c == '=' || c == ':') {
        operator = true;
      } else if (c != ' ' && c != '\t' && c != '"' && c != '\'') {
        break;
      }
      k--;
    }
    if (!operator || k < floor) {
      return -1;
    }
    int keyEnd = k + 1;
    for (String suffix : SUFFIXES) {
      int start = keyEnd - suffix.length();
      if (start - 1 >= floor
          && text.regionMatches(true, start, suffix, 0, suffix.length())
          && isJoiner(text.charAt(start - 1), text.charAt(start))) {
        return text.charAt(start - 1) == '_' || text.charAt(start - 1) == '-' ? start - 1 : start;
      }
    }
    return -1;
  }

  /** {@code _B64}, {@code -hex}, or a camel-case {@code Base64} after a lower-case letter. */
  private static boolean isJoiner(char before, char first) {
    return before == '_'
        || before == '-'
        || (Character.isUpperCase(first) && Character.isLowerCase(before));
  }

  /**
   * Copies {@code text[copied, valueStart)} to {@code b}, without the encoding suffix of the key
   * before the value if there is one (removed as {@code kind}): the decoder's view up to the
   * decoded value.
   */
  static void copyDroppingSuffix(
      MappedText.Builder b, String text, int copied, int valueStart, Evasion kind) {
    int from = copied;
    int suffix = before(text, valueStart, from);
    if (suffix >= 0) {
      b.copy(from, suffix);
      from = end(text, suffix);
      b.remove(suffix, from, kind);
    }
    b.copy(from, valueStart);
  }

  /** The end of the suffix starting at {@code start}: the start of what follows the key. */
  private static int end(String text, int start) {
    int k = start;
    if (text.charAt(k) == '_' || text.charAt(k) == '-') {
      k++;
    }
    while (k < text.length() && Character.isLetterOrDigit(text.charAt(k))) {
      k++;
    }
    return k;
  }
}
