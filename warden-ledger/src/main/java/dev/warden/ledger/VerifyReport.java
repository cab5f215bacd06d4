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
 * @param checkpointsChecked signed checkpoints compared with the records (0 if none exist, or if
 *     the walk stopped at chain damage first)
 * @param signaturesChecked whether checkpoint signatures were verified with trusted public keys;
 *     without keys a checkpoint proves nothing against someone who can rewrite files
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
    String message,
    long checkpointsChecked,
    boolean signaturesChecked) {

  /** This report with a checkpoint verdict added (the chain verdict stays as it was). */
  VerifyReport withCheckpoints(long checked, boolean signatures, String suffix) {
    return new VerifyReport(
        ok,
        recordsChecked,
        headHash,
        macChecked,
        firstBadSeq,
        firstBadLine,
        firstBadSegment,
        damage,
        message + suffix,
        checked,
        signatures);
  }

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
    MALFORMED,
    /**
     * Whole records are missing from the end: fewer than a signed checkpoint covers, or than {@code
     * --expect-count} says.
     */
    TRUNCATED,
    /** A segment file is missing: numbering has a gap, or a checkpoint names an absent one. */
    SEGMENT_MISSING,
    /** A segment's bytes differ from the digest its checkpoint signed. */
    SEGMENT_REPLACED,
    /**
     * The records do not match a checkpoint (root, head), checkpoints do not chain (a missing one,
     * a wrong {@code previous}), or the head differs from {@code --expect-head}.
     */
    CHECKPOINT_MISMATCH,
    /** A checkpoint whose signature does not verify with any trusted public key. */
    CHECKPOINT_FORGED,
    /** A checkpoint file that is not a well-formed DSSE envelope of a checkpoint statement. */
    CHECKPOINT_MALFORMED
  }
}
