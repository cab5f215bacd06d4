package dev.warden.ledger.dsse;

import java.security.GeneralSecurityException;

/**
 * A DSSE envelope, in-toto statement or public key that must not be trusted: malformed, signed by
 * no trusted key, or carrying the wrong payload type. The message names the field and the reason
 * and never quotes payload content.
 */
public final class InvalidEnvelopeException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public InvalidEnvelopeException(String message) {
    super(message);
  }

  public InvalidEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
