package dev.warden.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of a Warden API key: {@code wdn_} + 40 random base62 characters + a 6-character base62
 * CRC32 of those 40 (the scheme GitHub uses for its tokens). The first {@value #ID_LENGTH} random
 * characters are the key's public id (shown by {@code warden keys list}, recorded nowhere else);
 * the rest, about 166 bits, are secret. The checksum lets a gateway, a secret scanner and a
 * detector reject a mistyped or hand-made key without any lookup; it adds no security.
 *
 * <p>This class never logs or returns a key in an error; {@link #idOf} returns only the public
 * part.
 */
public final class ApiKeyFormat {
  public static final String PREFIX = "wdn_";
  public static final int RANDOM_LENGTH = 40;
  public static final int CHECKSUM_LENGTH = 6;
  public static final int ID_LENGTH = 12;
  public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** A fresh key with a valid checksum. */
  public static String mint() {
    char[] random = new char[RANDOM_LENGTH];
    for (int i = 0; i < random.length; i++) {
      random[i] = BASE62.charAt(RANDOM.nextInt(BASE62.length()));
    }
    String body = new String(random);
    return PREFIX + body + checksum(body);
  }

  /**
   * Whether {@code key} has the prefix, the length, only base62 after the prefix, and a checksum
   * that holds. Runs in time linear in the length and never throws.
   */
  public static boolean wellFormed(CharSequence key) {
    if (key.length() != LENGTH || !key.toString().startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (BASE62.indexOf(key.charAt(i)) < 0) {
        return false;
      }
    }
    int checksumAt = PREFIX.length() + RANDOM_LENGTH;
    return checksum(key.subSequence(PREFIX.length(), checksumAt).toString())
        .contentEquals(key.subSequence(checksumAt, LENGTH));
  }

  /** The public id of a well-formed key ({@link #wellFormed} must hold). */
  public static String idOf(CharSequence key) {
    return key.subSequence(PREFIX.length(), PREFIX.length() + ID_LENGTH).toString();
  }

  /** The {@value #CHECKSUM_LENGTH}-character base62 CRC32 of {@code random}, zero-padded. */
  public static String checksum(String random) {
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }
}
