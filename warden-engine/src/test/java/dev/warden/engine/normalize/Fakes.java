package dev.warden.engine.normalize;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Fake secrets for the evasion tests: generated from fixed seeds with the right shape and checksum,
 * never issued by a vendor, and never written out in the source.
 */
final class Fakes {
  static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Fakes() {}

  static String chars(long seed, String alphabet, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** An AWS access key id shape: {@code AKIA} plus 16 base32 characters. */
  static String awsKeyId(long seed) {
    return "AKIA" + chars(seed, BASE32, 16);
  }

  /** A classic GitHub token with a valid CRC32 checksum. */
  static String githubToken(long seed) {
    String random = chars(seed, BASE62, 30);
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] sum = new char[6];
    for (int i = 5; i >= 0; i--) {
      sum[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return "ghp_" + random + new String(sum);
  }

  /** An Anthropic key shape. */
  static String anthropicKey(long seed) {
    return "sk-ant-api03-" + chars(seed, BASE62 + "_-", 93) + "AA";
  }

  static String base64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String base64url(String s) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every character percent-encoded. */
  static String percent(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
    return sb.toString();
  }

  /** Every character as a written-out {@code \}{@code uXXXX} escape. */
  static String unicodeEscapes(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append("\\u").append(HexFormat.of().toHexDigits(c));
    }
    return sb.toString();
  }

  /** ASCII letters, digits and {@code @} in their full-width forms. */
  static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c > ' ' && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
    }
    return sb.toString();
  }

  /** A zero-width space after every {@code every} characters. */
  static String zeroWidthSplit(String s, int every) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && i % every == 0) {
        sb.append('\u200B');
      }
      sb.append(s.charAt(i));
    }
    return sb.toString();
  }
}
