package dev.warden.engine.detect;

import java.time.YearMonth;
import java.util.Map;

/**
 * Check-digit and structure validators for bank account and national identity numbers. Pure, linear
 * in the value, never throw. Separators (space, hyphen) in the value are ignored.
 */
final class NationalIdValidators {
  private NationalIdValidators() {}

  /** IBAN: registered country, that country's length, alphanumeric BBAN, ISO 7064 mod 97 = 1. */
  static final Validator IBAN = Validator.of("iban-mod97", NationalIdValidators::isIban);

  /** US SSN: SSA assignment rules (area, group, serial) and the never-issued published numbers. */
  static final Validator US_SSN = Validator.of("ssn-structure", NationalIdValidators::isSsn);

  /** Korean RRN: a real birth date, a gender/century digit 1–8 (check digit not required). */
  static final Validator KR_RRN = Validator.of("rrn-date", NationalIdValidators::isRrn);

  /**
   * IBAN lengths per ISO 13616 country (SWIFT IBAN registry). Countries whose BBAN holds letters
   * (GB, NL, IT, …) are validated the same way; see the rule for how they are found.
   */
  private static final Map<String, Integer> IBAN_LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20));

  static boolean isIban(CharSequence value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ') {
        sb.append(c);
      }
    }
    String s = sb.toString();
    if (s.length() < 15 || s.length() > 34) {
      return false;
    }
    Integer expected = IBAN_LENGTHS.get(s.substring(0, 2));
    if (expected == null || expected != s.length()) {
      return false;
    }
    // Rearranged: BBAN, then country code and check digits; letters count as 10..35.
    int rem = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt((k + 4) % s.length());
      if (c >= '0' && c <= '9') {
        rem = (rem * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /** Numbers the SSA or advertising made public and that are never anyone's SSN. */
  private static final java.util.Set<String> PUBLISHED_SSNS =
      java.util.Set.of("078051120", "219099999", "123456789", "111111111", "333333333");

  static boolean isSsn(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 9 || PUBLISHED_SSNS.contains(d)) {
      return false;
    }
    int area = Integer.parseInt(d, 0, 3, 10);
    int group = Integer.parseInt(d, 3, 5, 10);
    int serial = Integer.parseInt(d, 5, 9, 10);
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }

  static boolean isRrn(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 13) {
      return false;
    }
    int gender = d.charAt(6) - '0';
    if (gender < 1 || gender > 8) {
      return false;
    }
    if (d.endsWith("1234567")) {
      return false; // the forms' and manuals' example (900101-1234567), not a person's number
    }
    int century = (gender == 1 || gender == 2 || gender == 5 || gender == 6) ? 1900 : 2000;
    int year = century + Integer.parseInt(d, 0, 2, 10);
    int month = Integer.parseInt(d, 2, 4, 10);
    int day = Integer.parseInt(d, 4, 6, 10);
    return month >= 1 && month <= 12 && day >= 1 && YearMonth.of(year, month).isValidDay(day);
  }

  /**
   * Whether the RRN's 13th digit is the check digit of the first twelve (weights 2–9, 2–5; {@code
   * (11 − sum mod 11) mod 10}). Numbers issued since October 2020 do not follow it.
   */
  static boolean rrnCheckDigit(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 13) {
      return false;
    }
    int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (d.charAt(i) - '0') * weights[i];
    }
    return (11 - sum % 11) % 10 == d.charAt(12) - '0';
  }

  /** Japanese My Number (個人番号): 12 digits, check digit over the first 11 (weights 6–2, 7–2). */
  static final Validator JP_MY_NUMBER =
      Validator.of("my-number-check-digit", NationalIdValidators::isMyNumber);

  /** Indian Aadhaar: 12 digits, first digit 2–9, Verhoeff check digit. */
  static final Validator IN_AADHAAR = Validator.of("verhoeff", NationalIdValidators::isAadhaar);

  static boolean isMyNumber(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    if (d.length() != 12 || d.startsWith("12345678901")) {
      return false; // 1234 5678 9018: the example printed on the forms' instructions
    }
    int[] weights = {6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      sum += (d.charAt(i) - '0') * weights[i];
    }
    int r = sum % 11;
    int check = r <= 1 ? 0 : 11 - r;
    return check == d.charAt(11) - '0';
  }

  private static final int[][] VERHOEFF_D = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };

  private static final int[][] VERHOEFF_P = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
  };

  static boolean verhoeff(String digits) {
    int c = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digit]];
    }
    return c == 0;
  }

  static boolean isAadhaar(CharSequence value) {
    String d = CardValidator.digitsOf(value);
    return d.length() == 12 && d.charAt(0) >= '2' && verhoeff(d);
  }
}
