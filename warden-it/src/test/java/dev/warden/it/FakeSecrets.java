package dev.warden.it;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Secrets generated fresh for every test run, so no test passes because of one memorized value and
 * no real credential ever sits in the repository. Each is shaped like the real thing (prefix,
 * length, checksum) so the detectors find it the way they would in production.
 */
final class FakeSecrets {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeSecrets() {}

  /** A classic GitHub personal access token: {@code ghp_}, 30 random chars, CRC32 in base62. */
  static String githubToken() {
    String random = random(BASE62, 30);
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    char[] checksum = new char[6];
    for (int i = 5; i >= 0; i--) {
      checksum[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    return "ghp_" + random + new String(checksum);
  }

  /** A personal e-mail address with a random mailbox. */
  static String email() {
    return "dana.whitfield." + random("abcdefghijklmnopqrstuvwxyz", 6) + "@northwind-mail.org";
  }

  /** A Visa-range card number with a valid Luhn check digit, grouped in fours. */
  static String card() {
    StringBuilder digits = new StringBuilder("4").append(random("0123456789", 14));
    digits.append(luhnCheckDigit(digits));
    return digits.substring(0, 4)
        + " "
        + digits.substring(4, 8)
        + " "
        + digits.substring(8, 12)
        + " "
        + digits.substring(12);
  }

  private static int luhnCheckDigit(CharSequence payload) {
    int sum = 0;
    for (int i = payload.length() - 1, pos = 0; i >= 0; i--, pos++) {
      int d = payload.charAt(i) - '0';
      if (pos % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return (10 - sum % 10) % 10;
  }

  private static String random(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
