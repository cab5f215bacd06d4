package dev.warden.api;

/**
 * HMAC-SHA256 over raw bytes with a key held inside the implementation; used by the ledger's keyed
 * chain. Thread-safe.
 */
public interface MessageAuthenticator {
  /** Returns the 32-byte tag of {@code data}. */
  byte[] tag(byte[] data);

  /** Constant-time check of {@code tag} against {@code data}. */
  default boolean verify(byte[] data, byte[] tag) {
    return java.security.MessageDigest.isEqual(tag(data), tag);
  }
}
