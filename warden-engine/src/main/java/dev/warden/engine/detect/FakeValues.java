package dev.warden.engine.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Generates the fake credentials that rules use as true-positive examples. Values are built at
 * class-load time from fixed seeds, so they are reproducible, have the right shape and checksum,
 * and were never issued by any vendor. Keeping them out of the source also keeps secret scanners
 * quiet on this repository.
 */
final class FakeValues {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64URL = BASE62 + "-_";

  private FakeValues() {}

  /** {@code length} characters drawn from {@code alphabet}, reproducible from {@code seed}. */
  static String chars(long seed, String alphabet, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String base62(long seed, int length) {
    return chars(seed, BASE62, length);
  }

  /** An AWS access key id shape: prefix plus 16 base32 characters. */
  static String awsKeyId(String prefix, long seed) {
    return prefix + chars(seed, BASE32, 16);
  }

  /** An AWS secret access key shape: 40 base64 characters. */
  static String awsSecret(long seed) {
    return chars(seed, BASE62 + "/+", 40);
  }

  /** A classic GitHub token with a valid CRC32 checksum. */
  static String githubClassic(String prefix, long seed) {
    String random = base62(seed, 30);
    return prefix + random + GitHubChecksum.checksum(random);
  }

  /** A classic GitHub token whose checksum is off by one character. */
  static String githubClassicBadChecksum(String prefix, long seed) {
    String good = githubClassic(prefix, seed);
    char last = good.charAt(good.length() - 1);
    return good.substring(0, good.length() - 1) + (last == 'a' ? 'b' : 'a');
  }

  static String githubFineGrained(long seed) {
    return "github_pat_" + base62(seed, 22) + "_" + base62(seed + 1, 59);
  }

  /** Legacy OpenAI shape: sk- + 20 + T3BlbkFJ + 20. */
  static String openaiLegacy(long seed) {
    return "sk-" + base62(seed, 20) + "T3BlbkFJ" + base62(seed + 1, 20);
  }

  static String openaiScoped(String scope, long seed) {
    return "sk-"
        + scope
        + "-"
        + chars(seed, BASE64URL, 74)
        + "T3BlbkFJ"
        + chars(seed + 1, BASE64URL, 74);
  }

  /** {@code header.payload.signature} with JSON header and payload of the caller's choosing. */
  static String jwt(String headerJson, String payloadJson, long seed) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + url.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + chars(seed, BASE64URL, 43);
  }

  /**
   * A PEM block whose body is a DER SEQUENCE of random bytes (not a key: no integers, no
   * parameters), wrapped at 64 columns with {@code newline} between lines.
   */
  static String pem(String label, long seed, int contentBytes, String newline) {
    byte[] der = new byte[contentBytes + 4];
    new SplittableRandom(seed).nextBytes(der);
    der[0] = 0x30;
    der[1] = (byte) 0x82;
    der[2] = (byte) (contentBytes >>> 8);
    der[3] = (byte) contentBytes;
    return wrap(label, Base64.getEncoder().encodeToString(der), newline);
  }

  /** An OpenSSH-format block: the magic string, then random bytes. */
  static String openssh(long seed, String newline) {
    byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[magic.length + 300];
    new SplittableRandom(seed).nextBytes(bytes);
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return wrap("OPENSSH PRIVATE KEY", Base64.getEncoder().encodeToString(bytes), newline);
  }

  static String wrap(String label, String base64, String newline) {
    StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----");
    for (int i = 0; i < base64.length(); i += 64) {
      sb.append(newline).append(base64, i, Math.min(base64.length(), i + 64));
    }
    return sb.append(newline).append("-----END ").append(label).append("-----").toString();
  }
}
