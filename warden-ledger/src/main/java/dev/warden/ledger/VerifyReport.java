package dev.warden.ledger;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of {@link LedgerVerifier#verify}: either the whole ledger checked out, or the first place
 * where it did not, classified and named.
 *
 * @param ok true when every record verified; callers (e.g. {@code warden ledger verify}) exit
 *     non-zero otherwise
 * @param recordsChecked records that verified: all of them when {@code ok}, else the length of the
 *     trustworthy prefix before the damage
 * @param headHash the {@code hash} of the last trustworthy record (64 zeros if none): the value to
 *     compare against a signed checkpoint
 * @param macChecked whether the HMAC chain was checked; without a key only the SHA-256 chain is,
 *     and a forger who rewrites every later hash goes unnoticed until compared with a checkpoint
 * @param firstBadSeq 0 when {@code ok}; for {@link Damage#DELETED} the first missing seq; for
 *     {@link Damage#MALFORMED} and {@link Damage#TRUNCATED_LINE} the seq that line should have had;
 *     otherwise the seq written in the bad record
 * @param firstBadLine 1-based line, within {@code firstBadSegment}, of the bad record (for DELETED:
 *     the record after the gap); 0 when {@code ok}
 * @param firstBadSegment file name of the segment holding {@code firstBadLine}, or null when ok
 * @param damage what went wrong, or null when {@code ok}
 * @param message one human sentence naming the record and the reason; never quotes record content
 */
public record VerifyReport(
    boolean ok,
    long recordsChecked,
    String headHash,
    boolean macChecked,
    long firstBadSeq,
    long firstBadLine,
    @Nullable String firstBadSegment,
    @Nullable Damage damage,
    String message) {

  /** How the first bad record differs from a chain the ledger wrote. See LEDGER-FORMAT.md. */
  public enum Damage {
    /** A record's contents (or, without the key, its recomputed hash) do not match the chain. */
    MODIFIED,
    /** One or more records are missing: seq jumps forward and prev does not link. */
    DELETED,
    /** Records are present but out of order. */
    REORDERED,
    /** A record that the chain does not contain: forged, replayed, or appended without the key. */
    INSERTED,
    /** The last line has no terminating newline: a write torn by a crash (or a cut file). */
    TRUNCATED_LINE,
    /** A line that is not a canonical ledger record (bad UTF-8, JSON, canonical form, fields). */
    MALFORMED
  }
}
