package dev.warden.api;

/**
 * Append-only, tamper-evident record of decisions.
 *
 * <p>Contract: {@link #append} returns only after the record is durable (fsync), unless the ledger
 * was opened in a documented weaker mode; concurrent appends are serialized into one chain and may
 * share one fsync. Thread-safe.
 */
public interface Ledger extends AutoCloseable {
  /**
   * Appends a record and returns its position.
   *
   * @throws LedgerException if the record could not be made durable; callers fail closed
   */
  Receipt append(LedgerRecord record);

  /** Flushes and releases the file; later appends throw {@link LedgerException}. */
  @Override
  void close();

  /** Position of an appended record: its sequence number and its SHA-256 chain hash (hex). */
  record Receipt(long seq, String hash) {}

  /** A ledger write or read failure. */
  final class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message, Throwable cause) {
      super(message, cause);
    }

    public LedgerException(String message) {
      super(message);
    }
  }
}
