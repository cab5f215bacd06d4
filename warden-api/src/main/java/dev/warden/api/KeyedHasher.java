package dev.warden.api;

/**
 * A keyed one-way function (HMAC-SHA256) over values. Used to record "this value was seen" and to
 * produce the {@code hash} action's replacement without storing plaintext. The key never leaves the
 * implementation.
 *
 * <p>Contract: deterministic for a given key; thread-safe; distinct {@code domain}s give
 * independent outputs for the same value, so a ledger value hash cannot be matched against a
 * replacement token.
 */
public interface KeyedHasher {
  /** Returns the 32-byte MAC of {@code domain ‖ 0x00 ‖ value} (UTF-8). */
  byte[] hash(String domain, CharSequence value);

  /** Lower-case hex of {@link #hash}. */
  default String hashHex(String domain, CharSequence value) {
    return java.util.HexFormat.of().formatHex(hash(domain, value));
  }
}
