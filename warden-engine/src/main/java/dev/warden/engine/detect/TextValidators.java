package dev.warden.engine.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validators that look only at the characters of a value (e-mail syntax, key markers, variety). */
final class TextValidators {
  /**
   * RFC 5321 syntax limits plus a TLD that is letters (any script, RFC 6531) or an IDNA A-label
   * ({@code xn--p1ai}), and not a file extension.
   */
  static final Validator EMAIL = Validator.of("email-syntax", TextValidators::isEmail);

  /** Legacy OpenAI keys carry base64 of "OpenAI" ({@code T3BlbkFJ}) in the middle. */
  static final Validator OPENAI_MARKER =
      Validator.of("openai-marker", v -> v.toString().contains("T3BlbkFJ"));

  /** Upper case, lower case and digits, and at least 12 distinct characters. */
  static final Validator HIGH_VARIETY = Validator.of("high-variety", TextValidators::isVaried);

  // "icon@2x.png" and "logo@3x.svg" are asset names (iOS density suffixes), not mailboxes.
  private static final Set<String> FILE_EXTENSIONS =
      Set.of(
          "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "css", "js", "ts", "json",
          "yaml", "yml", "txt", "zip", "gz", "tar", "html", "htm", "xml", "java", "kt");

  private static final int MIN_DISTINCT = 12;

  private static final int MAX_LABEL = 63;

  /** An IDNA A-label (punycode): {@code xn--} and the encoded letters and digits. */
  private static final Pattern A_LABEL = Pattern.compile("xn--[a-z0-9-]{1,59}+");

  private TextValidators() {}

  static boolean isEmail(CharSequence value) {
    String email = value.toString();
    int at = email.lastIndexOf('@');
    if (at <= 0 || email.length() > 254) {
      return false;
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    if (isUuid(local)) {
      return false; // a message or event id (<6f1c…-…@mail.example.de>), not a mailbox
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || label.startsWith("-")
          || label.endsWith("-")) {
        return false;
      }
    }
    String tld = labels[labels.length - 1].toLowerCase(Locale.ROOT);
    boolean letters = tld.codePoints().allMatch(TextValidators::isLetterOrMark);
    boolean aLabel = A_LABEL.matcher(tld).matches();
    return tld.codePointCount(0, tld.length()) >= 2
        && (letters || aLabel)
        && !FILE_EXTENSIONS.contains(tld);
  }

  /** Whether {@code s} is a UUID in its 8-4-4-4-12 hex form. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** An ASCII hex digit, either case. */
  static boolean isHexDigit(char c) {
    int lower = c | 0x20;
    return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'f');
  }

  // Scripts such as Devanagari write vowels as combining marks (भारत).
  private static boolean isLetterOrMark(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isLetter(codePoint)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  static boolean isVaried(CharSequence value) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit && value.chars().distinct().count() >= MIN_DISTINCT;
  }
}
