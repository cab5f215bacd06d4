package dev.warden.api;

/**
 * The reversible actions ({@code tokenize}, {@code encrypt}) and restoring, bound to one exchange's
 * vault scope. The engine calls it while rewriting; it never sees keys or the store. Thread-safe.
 *
 * <p>Contract: {@link #tokenize} is deterministic per (key, type, value, scope) and the token is
 * never reversible without the vault's key and store. {@link #encrypt} returns an AEAD envelope
 * bound to {@code type} and {@code path}. Both throw {@link IllegalStateException} when the vault
 * cannot serve (the host must fail closed); neither message nor exception ever holds the value.
 */
public interface VaultSession {
  /** A {@link TokenFormat} token standing for {@code value} in this session's scope. */
  String tokenize(String type, String value);

  /** A {@link TokenFormat} envelope of {@code value}, bound to {@code type} and the JSON path. */
  String encrypt(String type, String path, String value);

  /**
   * Whether {@code marker} (a token or envelope text found by {@link TokenFormat}) was issued by
   * this vault: a token issued in this scope, or an envelope that authenticates at {@code path}.
   * The engine does not re-detect values inside genuine markers; a fake one is scanned like any
   * other text.
   */
  boolean isGenuine(TokenFormat.Marker marker, String path);

  /** The restorer for responses of this exchange (tokens of this scope only). */
  Restorer restorer();

  /**
   * No vault: the reversible actions degrade to redaction (the value never passes) and nothing is
   * restored or recognised.
   */
  VaultSession NONE =
      new VaultSession() {
        @Override
        public String tokenize(String type, String value) {
          return "[REDACTED:" + type + "]";
        }

        @Override
        public String encrypt(String type, String path, String value) {
          return "[REDACTED:" + type + "]";
        }

        @Override
        public boolean isGenuine(TokenFormat.Marker marker, String path) {
          return false;
        }

        @Override
        public Restorer restorer() {
          return Restorer.NONE;
        }
      };
}
