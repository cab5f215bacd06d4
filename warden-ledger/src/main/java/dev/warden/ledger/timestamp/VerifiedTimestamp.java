package dev.warden.ledger.timestamp;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A time-stamp token that passed every check of {@link TimestampVerifier}.
 *
 * @param genTime when the authority says it saw the digest
 * @param tsa the RFC 2253 subject of the authority's signing certificate
 * @param serialNumber the token's serial number (unique per authority)
 * @param policy the authority's policy OID
 * @param token the DER {@code TimeStampToken} (CMS {@code ContentInfo}); store these bytes
 */
@SuppressWarnings(
    "ArrayRecordComponent") // a result carrier; callers store the bytes, never compare
public record VerifiedTimestamp(
    Instant genTime, String tsa, BigInteger serialNumber, String policy, byte[] token) {
  @Override
  public String toString() {
    return "VerifiedTimestamp[" + genTime + " by " + tsa + " serial " + serialNumber + "]";
  }
}
