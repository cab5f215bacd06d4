package dev.warden.ledger.receipt;

/** A receipt that does not verify; the message names the check that failed and never a body. */
public final class InvalidReceiptException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidReceiptException(String message) {
    super(message);
  }

  public InvalidReceiptException(String message, Throwable cause) {
    super(message, cause);
  }
}
