package dev.warden.ledger.timestamp;

/**
 * Anchors a ledger checkpoint in time with an outside authority. The ledger calls it with the
 * checkpoint's <b>public</b> digest — SHA-256 of the signed DSSE envelope bytes — never with a
 * keyed value, so anyone holding the checkpoint can recompute the digest and check the token.
 *
 * <p>Contract: returns the DER RFC 3161 {@code TimeStampToken} (a CMS {@code ContentInfo}) only
 * after it has been verified against the digest and the configured trust anchor; the ledger stores
 * those bytes beside the checkpoint. Thread-safe. May block on the network for up to its configured
 * timeout.
 */
@FunctionalInterface
public interface CheckpointTimestamper {
  /**
   * Returns a verified token over {@code sha256Digest}.
   *
   * @param sha256Digest the 32-byte SHA-256 digest of the checkpoint envelope
   * @throws TimestampException if no verified token could be obtained; the checkpoint itself stays
   *     valid and signed, only its outside anchor is missing
   */
  byte[] timestamp(byte[] sha256Digest) throws TimestampException;
}
