package dev.warden.ledger.timestamp;

/**
 * A time-stamp could not be obtained or did not verify. The message says what failed (status,
 * imprint, nonce, certificate, chain, signature, transport) and, where there is one, the fix.
 */
public final class TimestampException extends Exception {
  private static final long serialVersionUID = 1L;

  public TimestampException(String message) {
    super(message);
  }

  public TimestampException(String message, Throwable cause) {
    super(message, cause);
  }
}
