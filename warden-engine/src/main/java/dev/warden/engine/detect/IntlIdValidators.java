package dev.warden.engine.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Check-character and structure validators for European and Singaporean identity numbers. Pure,
 * linear in the value, never throw. Separators (space, hyphen, dot, slash) in the value are
 * ignored; the rule patterns decide where separators may stand.
 *
 * <p>Each validator checks everything the issuer's format defines, not only the check character, so
 * that a random string passes only as often as the check character allows (1 in 11, 23, 26 or 97)
 * times the share of structurally possible values.
 */
final class IntlIdValidators {
  private IntlIdValidators() {}

  /** UK National Insurance number: allocatable prefix, six digits, suffix A–D (HMRC NIM39110). */
  static final Validator UK_NINO = Validator.of("nino-prefix", IntlIdValidators::isNino);

  /** German tax id (Steuer-IdNr): digit-frequency rule and ISO 7064 MOD 11,10 check digit. */
  static final Validator DE_STEUER_ID =
      Validator.of("iso7064-mod11-10", IntlIdValidators::isSteuerId);

  /** French NIR (numéro de sécurité sociale): structure and key = 97 − (number mod 97). */
  static final Validator FR_NIR = Validator.of("nir-key-mod97", IntlIdValidators::isNir);

  /** Spanish DNI (8 digits) and NIE (X/Y/Z + 7 digits): control letter = number mod 23. */
  static final Validator ES_DNI = Validator.of("dni-mod23", IntlIdValidators::isDniOrNie);

  /** Italian codice fiscale: field structure, omocodia letters, odd/even check character. */
  static final Validator IT_CODICE_FISCALE =
      Validator.of("codice-fiscale-check", IntlIdValidators::isCodiceFiscale);

  /** Dutch BSN: nine digits passing the 11-proef (weights 9…2, −1). */
  static final Validator NL_BSN = Validator.of("elfproef", IntlIdValidators::isBsn);

  /** Singapore NRIC / FIN: S, T, F, G or M, seven digits, mod-11 check letter per series. */
  static final Validator SG_NRIC = Validator.of("nric-check-letter", IntlIdValidators::isNric);

  // HMRC: first letter never D F I Q U V, second never D F I O Q U V; these pairs are not
  // allocated (BG, GB, NK, KN, TN, NT, ZZ; ZZ is the documented placeholder).
  private static final String NINO_FIRST_NEVER = "DFIQUV";
  private static final String NINO_SECOND_NEVER = "DFIOQUV";
  private static final Set<String> NINO_UNALLOCATED =
      Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");

  static boolean isNino(CharSequence value) {
    String s = compact(value);
    if (s.length() != 9) {
      return false;
    }
    char a = s.charAt(0);
    char b = s.charAt(1);
    if (!upper(a) || !upper(b) || NINO_FIRST_NEVER.indexOf(a) >= 0) {
      return false;
    }
    if (NINO_SECOND_NEVER.indexOf(b) >= 0 || NINO_UNALLOCATED.contains(s.substring(0, 2))) {
      return false;
    }
    for (int i = 2; i < 8; i++) {
      if (!digit(s.charAt(i))) {
        return false;
      }
    }
    char suffix = s.charAt(8);
    return suffix >= 'A' && suffix <= 'D';
  }

  /**
   * 11 digits, no leading 0. In the first ten digits exactly one digit occurs twice or three times
   * and every other digit at most once; a digit that occurs three times never does so in three
   * adjacent places (BZSt rules since 2016; ids issued before then, where one digit occurs twice,
   * satisfy the same rule). The eleventh digit is the ISO 7064 MOD 11,10 check digit.
   */
  static boolean isSteuerId(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 11 || d.charAt(0) == '0' || compact(value).length() != 11) {
      return false;
    }
    int[] counts = new int[10];
    for (int i = 0; i < 10; i++) {
      counts[d.charAt(i) - '0']++;
    }
    int repeated = -1;
    for (int digit = 0; digit < 10; digit++) {
      if (counts[digit] > 1) {
        if (repeated >= 0 || counts[digit] > 3) {
          return false;
        }
        repeated = digit;
      }
    }
    if (repeated < 0) {
      return false;
    }
    char r = (char) ('0' + repeated);
    if (counts[repeated] == 3 && d.substring(0, 10).contains("" + r + r + r)) {
      return false;
    }
    return mod11x10(d, 10) == d.charAt(10) - '0';
  }

  /** ISO 7064 MOD 11,10 check digit over the first {@code n} digits. */
  static int mod11x10(String digits, int n) {
    int product = 10;
    for (int i = 0; i < n; i++) {
      int sum = (digits.charAt(i) - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = (sum * 2) % 11;
    }
    int check = 11 - product;
    return check == 10 ? 0 : check;
  }

  /**
   * 15 characters: sex 1/2 (3, 4, 7, 8 for provisional numbers), year, month 01–12 (20–42 and 50–99
   * when the birth month is unknown), département 01–99 or 2A/2B (Corsica), commune, an order
   * number 001–999, and a key 01–97 equal to 97 − (first 13 digits mod 97), where 2A counts as 19
   * and 2B as 18.
   */
  static boolean isNir(CharSequence value) {
    String s = compact(value).toUpperCase(Locale.ROOT);
    if (s.length() != 15) {
      return false;
    }
    String department = s.substring(5, 7);
    String numeric = s;
    if (department.equals("2A")) {
      numeric = s.substring(0, 5) + "19" + s.substring(7);
    } else if (department.equals("2B")) {
      numeric = s.substring(0, 5) + "18" + s.substring(7);
    }
    for (int i = 0; i < 15; i++) {
      if (!digit(numeric.charAt(i))) {
        return false;
      }
    }
    if ("123478".indexOf(numeric.charAt(0)) < 0) {
      return false;
    }
    int month = Integer.parseInt(numeric, 3, 5, 10);
    boolean monthOk = (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
    if (!monthOk || department.equals("00") || Integer.parseInt(numeric, 10, 13, 10) == 0) {
      return false;
    }
    long number = Long.parseLong(numeric, 0, 13, 10);
    int key = Integer.parseInt(numeric, 13, 15, 10);
    return key >= 1 && key <= 97 && key == 97 - (int) (number % 97);
  }

  private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

  /** {@code 12345678Z} or NIE {@code X1234567L}; X, Y, Z stand for 0, 1, 2 in the check. */
  static boolean isDniOrNie(CharSequence value) {
    String s = compact(value);
    if (s.length() != 9) {
      return false;
    }
    char first = s.charAt(0);
    String digits;
    if (first == 'X' || first == 'Y' || first == 'Z') {
      digits = (char) ('0' + "XYZ".indexOf(first)) + s.substring(1, 8);
    } else {
      digits = s.substring(0, 8);
    }
    for (int i = 0; i < 8; i++) {
      if (!digit(digits.charAt(i))) {
        return false;
      }
    }
    // A number of all zeros (00000000T, X0000000T) is a form placeholder, never issued.
    if (digits.substring(1).chars().allMatch(c -> c == '0')) {
      return false;
    }
    return DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == s.charAt(8);
  }

  // Omocodia: when two people would get the same code, digits are replaced from the right by
  // these letters (0 → L … 9 → V).
  private static final String OMOCODIA = "LMNPQRSTUV";
  private static final String CF_MONTHS = "ABCDEHLMPRST";
  private static final int[] CF_ODD_DIGITS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
  private static final int[] CF_ODD_LETTERS = {
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
  };
  // Positions (0-based) that hold digits in a code without omocodia.
  private static final int[] CF_DIGIT_POSITIONS = {6, 7, 9, 10, 12, 13, 14};

  /**
   * 16 characters in one letter case: six letters (surname, name), year (2), month letter, day
   * (01–31, women 41–71), a cadastral letter and three digits, and a check letter. Digit positions
   * may hold omocodia letters. Check: odd positions (1st, 3rd, …) map through the odd table, even
   * positions count digits and letters as 0–25; the sum mod 26 is the check letter.
   */
  static boolean isCodiceFiscale(CharSequence value) {
    String raw = value.toString();
    if (raw.length() != 16) {
      return false;
    }
    String s = raw.toUpperCase(Locale.ROOT);
    if (!raw.equals(s) && !raw.equals(raw.toLowerCase(Locale.ROOT))) {
      return false; // mixed case is a word or an identifier, not a printed code
    }
    for (int i = 0; i < 16; i++) {
      char c = s.charAt(i);
      if (!upper(c) && !digit(c)) {
        return false;
      }
    }
    StringBuilder plain = new StringBuilder(s);
    for (int p : CF_DIGIT_POSITIONS) {
      char c = s.charAt(p);
      int omocodic = OMOCODIA.indexOf(c);
      if (omocodic >= 0) {
        plain.setCharAt(p, (char) ('0' + omocodic));
      } else if (!digit(c)) {
        return false;
      }
    }
    for (int i : new int[] {0, 1, 2, 3, 4, 5, 8, 11, 15}) {
      if (!upper(s.charAt(i))) {
        return false;
      }
    }
    if (CF_MONTHS.indexOf(s.charAt(8)) < 0) {
      return false;
    }
    int day = Integer.parseInt(plain, 9, 11, 10);
    if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = s.charAt(i);
      if (i % 2 == 0) {
        sum += digit(c) ? CF_ODD_DIGITS[c - '0'] : CF_ODD_LETTERS[c - 'A'];
      } else {
        sum += digit(c) ? c - '0' : c - 'A';
      }
    }
    return s.charAt(15) == (char) ('A' + sum % 26);
  }

  /** Nine digits, not all zero, 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11). */
  static boolean isBsn(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 9 || compact(value).length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (d.charAt(i) - '0') * (9 - i);
    }
    sum -= d.charAt(8) - '0';
    return sum > 0 && sum % 11 == 0;
  }

  private static final int[] NRIC_WEIGHTS = {2, 7, 6, 5, 4, 3, 2};

  /**
   * Prefix S/T (citizens and PRs, born before / from 2000), F/G (foreigners, before / from 2000), M
   * (foreigners, from 2022); weights 2,7,6,5,4,3,2 over the digits, plus 4 for T and G, 3 for M;
   * the check letter is the sum mod 11 looked up in the series' table.
   */
  static boolean isNric(CharSequence value) {
    String s = value.toString();
    if (s.length() != 9) {
      return false;
    }
    char prefix = s.charAt(0);
    int sum =
        switch (prefix) {
          case 'S', 'F' -> 0;
          case 'T', 'G' -> 4;
          case 'M' -> 3;
          default -> -1;
        };
    if (sum < 0) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      char c = s.charAt(i + 1);
      if (!digit(c)) {
        return false;
      }
      sum += (c - '0') * NRIC_WEIGHTS[i];
    }
    String table =
        switch (prefix) {
          case 'S', 'T' -> "JZIHGFEDCBA";
          case 'F', 'G' -> "XWUTRQPNMLK";
          default -> "XWUTRQPNJLK";
        };
    return s.charAt(8) == table.charAt(sum % 11);
  }

  /** The value without separators. */
  private static String compact(CharSequence value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '-' && c != '.' && c != '/') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
