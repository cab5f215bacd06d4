package dev.warden.engine.detect;

import java.util.regex.Pattern;

/**
 * Numbering-plan checks for phone candidates. Patterns decide the shape (separators, grouping,
 * boundaries); these decide whether the digits can be a real number.
 *
 * <p>NANP (+1): area code and exchange start with 2–9, neither is an N11 service code, and area
 * codes never have 9 in the middle. The fictional range 555-0100…0199 is accepted: it is
 * phone-shaped, people paste it as their number in examples and tests, and redacting a fictional
 * number costs nothing while a gateway that learns to skip it would also skip real numbers typed
 * the same way.
 *
 * <p>Korea (+82 / 0): mobile {@code 01[016789]}, Seoul {@code 02}, regions {@code 0[3-6][1-5]},
 * {@code 070} (VoIP) and {@code 080} (toll-free), followed by a 3–4 digit exchange that does not
 * start with 0 and a 4-digit line. Without separators only 11-digit mobile numbers count.
 *
 * <p>UK (+44 / 0): 11 digits with the trunk 0; geographic {@code 01}/{@code 02}, non-geographic
 * {@code 03}, mobile {@code 07}, freephone and shared cost {@code 08}. Without spaces only mobile
 * numbers count.
 *
 * <p>Germany (+49 / 0): an area code {@code 0[1-9]…} (2–5 digits after the 0, mobile {@code
 * 015x}–{@code 017x}), separated from the subscriber number; 9–12 digits in all.
 *
 * <p>Japan (+81 / 0): 10 digits for landlines and {@code 0120} freephone ({@code 03-1234-5678},
 * {@code 045-123-4567}, {@code 0120-123-456}), 11 for mobile and IP numbers {@code 050}, {@code
 * 070}, {@code 080}, {@code 090} and for {@code 0800} freephone.
 */
final class PhoneValidators {
  static final Validator E164 = Validator.of("e164", PhoneValidators::isInternational);
  static final Validator NANP = Validator.of("nanp", PhoneValidators::isNanp);
  static final Validator KR = Validator.of("kr-numbering-plan", PhoneValidators::isKorean);
  static final Validator EPP = Validator.of("e164-epp", PhoneValidators::isEpp);
  static final Validator UK = Validator.of("uk-numbering-plan", PhoneValidators::isUk);
  static final Validator DE = Validator.of("de-numbering-plan", PhoneValidators::isGerman);
  static final Validator JP = Validator.of("jp-numbering-plan", PhoneValidators::isJapanese);

  /** {@code +48.858370}: a signed decimal (a coordinate, a measurement), not a phone number. */
  private static final Pattern DECIMAL = Pattern.compile("\\+\\d++\\.\\d++");

  private static final int E164_MIN_DIGITS = 8;
  private static final int E164_MAX_DIGITS = 15;

  private PhoneValidators() {}

  /**
   * {@code +CC …}: balanced parentheses, 8–15 digits, national rules for +1 and +82; not a plain
   * signed decimal ({@code +48.858370}, one dot and no other separator).
   */
  static boolean isInternational(CharSequence value) {
    String text = value.toString();
    if (!balancedOnce(text) || DECIMAL.matcher(text).matches()) {
      return false;
    }
    return internationalDigits(text);
  }

  /**
   * The EPP / WHOIS form {@code +CC.NNNNNNNN} (RFC 5733): the digits pass the same checks as {@link
   * #isInternational}. The shape is a signed decimal too, so the rule that uses this needs a phone
   * word nearby.
   */
  static boolean isEpp(CharSequence value) {
    return internationalDigits(value.toString());
  }

  private static boolean internationalDigits(String text) {
    // "(0)" is the trunk prefix written inside international numbers (+44 (0)20 …); it is not
    // dialled, so it is not part of the E.164 digits.
    String digits = CardValidator.digitsOf(text.replace("(0)", ""));
    if (digits.length() < E164_MIN_DIGITS || digits.length() > E164_MAX_DIGITS) {
      return false;
    }
    if (digits.charAt(0) == '0') {
      return false;
    }
    if (digits.charAt(0) == '1') {
      return digits.length() == 11 && nanpDigits(digits.substring(1));
    }
    if (digits.startsWith("82")) {
      return koreanDigits("0" + digits.substring(2), true);
    }
    // Subscriber digits all the same (+49 000 0000) are filler, not a number.
    String subscriber = digits.substring(3);
    return subscriber.chars().distinct().count() > 1;
  }

  // Compiled once: String.matches compiled each pattern again for every validated candidate.
  private static final Pattern KOREAN_MOBILE = Pattern.compile("01[016789].*");
  private static final Pattern KOREAN_AREA = Pattern.compile("0(?:[3-6][1-5]|70|80).*");
  private static final Pattern GERMAN_MOBILE = Pattern.compile("01[5-7]\\d{7,9}");
  private static final Pattern JAPANESE_ELEVEN = Pattern.compile("0[5789]0.*");

  /** US/Canada national format, optionally with a leading 1. */
  static boolean isNanp(CharSequence value) {
    String digits = CardValidator.digitsOf(value);
    if (digits.length() == 11 && digits.charAt(0) == '1') {
      digits = digits.substring(1);
    }
    return digits.length() == 10 && nanpDigits(digits);
  }

  /** Korean national format starting with 0. */
  static boolean isKorean(CharSequence value) {
    String digits = CardValidator.digitsOf(value);
    boolean separated = digits.length() != value.length();
    return koreanDigits(digits, separated);
  }

  private static boolean nanpDigits(String d) {
    char a0 = d.charAt(0);
    char a1 = d.charAt(1);
    char a2 = d.charAt(2);
    char e0 = d.charAt(3);
    boolean areaOk = a0 >= '2' && a1 != '9' && !(a1 == '1' && a2 == '1');
    boolean exchangeOk = e0 >= '2' && !(d.charAt(4) == '1' && d.charAt(5) == '1');
    return areaOk && exchangeOk;
  }

  private static boolean koreanDigits(String d, boolean separated) {
    int n = d.length();
    if (n < 9 || n > 11 || d.charAt(0) != '0') {
      return false;
    }
    int prefixLength;
    boolean mobile = false;
    if (d.startsWith("02")) {
      prefixLength = 2;
    } else if (KOREAN_MOBILE.matcher(d).matches()) {
      prefixLength = 3;
      mobile = true;
    } else if (KOREAN_AREA.matcher(d).matches()) {
      prefixLength = 3;
    } else {
      return false;
    }
    int subscriber = n - prefixLength;
    if (subscriber != 7 && subscriber != 8) {
      return false;
    }
    if (d.charAt(prefixLength) == '0') {
      return false;
    }
    if (d.startsWith("010") && subscriber != 8) {
      return false;
    }
    return separated || (mobile && n == 11);
  }

  /** UK national format: 0, then 10 digits in an allocated range. */
  static boolean isUk(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 11 || d.charAt(0) != '0' || "12378".indexOf(d.charAt(1)) < 0) {
      return false;
    }
    boolean separated = d.length() != value.length();
    return (separated || d.charAt(1) == '7') && variedSubscriber(d, 4);
  }

  /** German national format: area code with trunk 0, separated subscriber number. */
  static boolean isGerman(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() < 9 || d.length() > 12 || d.charAt(0) != '0' || d.charAt(1) == '0') {
      return false;
    }
    if (d.startsWith("01") && !GERMAN_MOBILE.matcher(d).matches()) {
      return false; // 01x outside 015–017 are service and carrier prefixes, not subscribers
    }
    return variedSubscriber(d, 4);
  }

  /** Japanese national format: trunk 0, 10 digits (11 for mobile, IP and 0800). */
  static boolean isJapanese(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() < 10 || d.charAt(0) != '0' || d.charAt(1) == '0') {
      return false;
    }
    boolean eleven = JAPANESE_ELEVEN.matcher(d).matches() || d.startsWith("0800");
    return d.length() == (eleven ? 11 : 10) && variedSubscriber(d, 4);
  }

  /** The digits after {@code prefix} are not all one digit ({@code 030 0000000} is filler). */
  private static boolean variedSubscriber(String digits, int prefix) {
    return digits.substring(prefix).chars().distinct().count() > 1;
  }

  /** At most one pair of parentheses, opened before it is closed. */
  private static boolean balancedOnce(String text) {
    int open = text.indexOf('(');
    int close = text.indexOf(')');
    if (open < 0 && close < 0) {
      return true;
    }
    return open >= 0
        && close > open
        && text.indexOf('(', open + 1) < 0
        && text.indexOf(')', close + 1) < 0;
  }
}
