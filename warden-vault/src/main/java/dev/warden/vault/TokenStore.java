package dev.warden.vault;

import java.util.Map;
import java.util.Optional;

/**
 * Where the vault keeps sealed values, keyed by (scope, token). Holds ciphertext only: values are
 * sealed by {@link TokenVault} before they arrive and opened after they leave, so a store never
 * sees plaintext and may be shared or copied without revealing anything.
 *
 * <p>Implementations are thread-safe; every method throws {@link VaultException} when the backing
 * storage fails (callers fail closed).
 */
public interface TokenStore extends AutoCloseable {
  /**
   * One stored value.
   *
   * @param sealed the AEAD ciphertext of the value, bound to scope and token
   * @param expiresMillis epoch millis after which the entry no longer restores
   */
  record Entry(
      String scope,
      String token,
      String type,
      byte[] sealed,
      long createdMillis,
      long expiresMillis) {
    public Entry {
      sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
      return sealed.clone();
    }

    @Override
    public String toString() {
      return "Entry[scope=" + scope + ", type=" + type + ", expires=" + expiresMillis + "]";
    }
  }

  /** Counts for {@code warden vault stats}. */
  record Stats(long entries, long expired, long scopes, Map<String, Long> byType, long bytes) {
    public Stats {
      byType = Map.copyOf(byType);
    }
  }

  /** Inserts or replaces the entry at (scope, token); a replacement refreshes its expiry. */
  void put(Entry e);

  /** The entry at (scope, token), expired or not. */
  Optional<Entry> get(String scope, String token);

  /** Removes entries whose expiry is before {@code nowMillis}; returns how many. */
  long purgeExpired(long nowMillis);

  /** Removes every entry of {@code scope}; returns how many. */
  long purgeScope(String scope);

  /** Removes every entry; returns how many. */
  long purgeAll();

  Stats stats(long nowMillis);

  @Override
  void close();
}
