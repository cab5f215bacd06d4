package dev.warden.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 6962 section 2.1 (RFC 9162 section 2.1.1) with SHA-256: a leaf is {@code
 * SHA-256(0x00 ‖ data)}, an interior node {@code SHA-256(0x01 ‖ left ‖ right)}, and the empty tree
 * {@code SHA-256("")}. The prefixes keep a leaf from passing as a node (second-preimage attacks);
 * an odd last node is promoted, never duplicated, so two different lists never share a root.
 */
public final class Rfc6962 {
  /** Bytes in every hash. */
  public static final int HASH_SIZE = 32;

  private Rfc6962() {}

  /** {@code SHA-256(0x00 ‖ data)}. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest d = sha256();
    d.update((byte) 0x00);
    d.update(data);
    return d.digest();
  }

  /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 0x01);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  /** The root of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  // One digest per thread: getInstance's provider lookup costs more than hashing 65 bytes.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> {
        try {
          return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
      });

  private static MessageDigest sha256() {
    MessageDigest d = SHA256.get();
    d.reset();
    return d;
  }
}
