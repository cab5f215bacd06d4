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

  /** A lower-case UUID shape (8-4-4-4-12 hex), reproducible from {@code seed}. */
  static String uuid(long seed) {
    String h = chars(seed, "0123456789abcdef", 32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
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

  /** A Warden API key shape ({@link dev.warden.api.ApiKeyFormat}) with a valid checksum. */
  static String wardenApiKey(long seed) {
    String random = base62(seed, dev.warden.api.ApiKeyFormat.RANDOM_LENGTH);
    return dev.warden.api.ApiKeyFormat.PREFIX
        + random
        + dev.warden.api.ApiKeyFormat.checksum(random);
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

  /**
   * An OpenSSH-format block laid out as {@code ssh-keygen} writes an unencrypted Ed25519 key
   * (magic, cipher and KDF names, one public key, a private section opening with two equal check
   * integers and padded to 8 bytes), filled with random bytes: the layout of a key, not a key.
   */
  static String openssh(long seed, String newline) {
    SplittableRandom random = new SplittableRandom(seed);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
    sshString(out, "none".getBytes(StandardCharsets.US_ASCII));
    sshString(out, "none".getBytes(StandardCharsets.US_ASCII));
    sshString(out, new byte[0]);
    sshUint32(out, 1);
    java.io.ByteArrayOutputStream pub = new java.io.ByteArrayOutputStream();
    sshString(pub, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
    sshString(pub, randomBytes(random, 32));
    sshString(out, pub.toByteArray());
    java.io.ByteArrayOutputStream priv = new java.io.ByteArrayOutputStream();
    int check = random.nextInt();
    sshUint32(priv, check);
    sshUint32(priv, check);
    priv.writeBytes(pub.toByteArray());
    sshString(priv, randomBytes(random, 64));
    sshString(priv, "fake@warden".getBytes(StandardCharsets.US_ASCII));
    for (int pad = 1; priv.size() % 8 != 0; pad++) {
      priv.write(pad);
    }
    sshString(out, priv.toByteArray());
    return wrap(
        "OPENSSH PRIVATE KEY", Base64.getEncoder().encodeToString(out.toByteArray()), newline);
  }

  private static void sshString(java.io.ByteArrayOutputStream out, byte[] data) {
    sshUint32(out, data.length);
    out.writeBytes(data);
  }

  private static void sshUint32(java.io.ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static byte[] randomBytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /**
   * An age X25519 secret key shape: {@code AGE-SECRET-KEY-1} + bech32 of 32 random bytes with a
   * valid checksum, upper case.
   */
  static String ageSecretKey(long seed) {
    byte[] key = randomBytes(new SplittableRandom(seed), 32);
    int[] data = new int[52];
    int acc = 0;
    int bits = 0;
    int n = 0;
    for (byte b : key) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        data[n++] = (acc >>> bits) & 31;
      }
    }
    data[n] = (acc << (5 - bits)) & 31;
    String hrp = "age-secret-key-";
    int[] withZeros = java.util.Arrays.copyOf(data, data.length + 6);
    int polymod = VendorValidators.bech32Polymod(hrp, withZeros) ^ 1;
    String alphabet = VendorValidators.bech32Alphabet();
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (int v : data) {
      sb.append(alphabet.charAt(v));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(alphabet.charAt((polymod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString().toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * A PuTTY key file shape (format 3, unencrypted Ed25519 layout) with random key lines and MAC,
   * lines joined by {@code newline}.
   */
  static String putty(long seed, String newline) {
    SplittableRandom random = new SplittableRandom(seed);
    String pub = Base64.getEncoder().encodeToString(randomBytes(random, 51));
    String priv = Base64.getEncoder().encodeToString(randomBytes(random, 36));
    return String.join(
        newline,
        "PuTTY-User-Key-File-3: ssh-ed25519",
        "Encryption: none",
        "Comment: eddsa-key-20260101",
        "Public-Lines: 2",
        pub.substring(0, 64),
        pub.substring(64),
        "Private-Lines: 1",
        priv,
        "Private-MAC: " + chars(seed + 1, "0123456789abcdef", 64));
  }

  static String wrap(String label, String base64, String newline) {
    StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----");
    for (int i = 0; i < base64.length(); i += 64) {
      sb.append(newline).append(base64, i, Math.min(base64.length(), i + 64));
    }
    return sb.append(newline).append("-----END ").append(label).append("-----").toString();
  }
}
