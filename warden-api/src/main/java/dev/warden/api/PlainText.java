package dev.warden.api;

/**
 * Checks that client-controlled text is a plain identifier before it is echoed into a log, a ledger
 * record or a header. A character loop rather than {@code String.matches}, which compiles a regex
 * on every call and ran on every request.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * Whether {@code s} is at most {@code maxLength} characters, all ASCII letters, digits or one of
   * {@code punctuation}. The empty string qualifies.
   */
  public static boolean isPlain(CharSequence s, String punctuation, int maxLength) {
    if (s.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && punctuation.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
