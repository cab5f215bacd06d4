package dev.warden.ledger;

import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * How {@link FileLedger}'s records reach the disk: chained in the order they are sequenced,
 * written, and (in {@link FileLedger.Durability#FSYNC}) forced before {@link #append} returns. Two
 * implementations, chosen by {@link FileLedger.Options#groupCommit}: {@link GroupCommitWriter} (a
 * writer thread chains, a flusher thread writes and forces) and {@link LeaderCommitWriter} (the
 * appenders themselves: one leads each force, the others wait for it).
 *
 * <p>Contract, for both: a write or {@code force} failure fails that append and every later one
 * (fail closed); {@link #close} drains everything queued, makes it durable, writes the final
 * checkpoint and is idempotent; no exception message carries record content.
 */
interface LedgerWriter {
  /** Chains, writes and (FSYNC) forces {@code record}; see {@link FileLedger#append}. */
  Receipt append(LedgerRecord record);

  /** Chains {@code record} without waiting; see {@link FileLedger#queue}. */
  void queue(LedgerRecord record);

  /** Drains, makes everything durable and stops; idempotent. */
  void close();

  /** The failure that makes the ledger refuse appends, or null. */
  @Nullable Throwable failure();

  /** {@code force} calls that made records durable; see {@link FileLedger#forceCount}. */
  long forceCount();

  /** The active segment's channel; after {@link #close} the caller closes it. */
  FileChannel channel();

  /** What failed while closing (the final force or checkpoint), or null. */
  @Nullable Throwable closeFailure();
}
