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

  /**
   * Queues a record to be chained, written and made durable like {@link #append}, without waiting
   * for any of it: no receipt, no durability on return.
   *
   * <p>Ordering guarantee: the record is chained before every record the calling thread appends or
   * queues afterwards, and becomes durable no later than they do — so once a later {@link #append}
   * of the same thread returns, this record is durable too. If the record cannot be written, the
   * ledger refuses every later append (they throw), so that later append never returns for a ledger
   * that lost this record. Callers that queue must therefore always end with an {@link #append}
   * whose success they require; until then, a crash may lose the queued record.
   *
   * <p>The default appends and waits, which meets the contract trivially.
   *
   * @throws LedgerException if the ledger already refuses appends or the record cannot be encoded;
   *     nothing was queued
   */
  default void queue(LedgerRecord record) {
    append(record);
  }

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
