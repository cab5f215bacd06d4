package dev.warden.vault;

/**
 * The vault cannot serve: storage failed, an entry failed authentication, a key is unusable. Never
 * carries a value. An {@link IllegalStateException} so that {@link dev.warden.api.Restorer} and
 * {@link dev.warden.api.VaultSession} callers, which fail closed on it, need no vault types.
 */
public final class VaultException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
