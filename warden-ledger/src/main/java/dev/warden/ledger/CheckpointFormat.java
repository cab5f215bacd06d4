package dev.warden.ledger;

import dev.warden.ledger.dsse.InTotoStatement;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checkpoint statement, in one place for the writer and the verifier: an in-toto Statement v1
 * whose subject is the active segment (sha256 of its first {@code segmentBytes} bytes) and whose
 * predicate ({@link #PREDICATE_TYPE}) is this record.
 *
 * @param checkpoint this checkpoint's number (1, 2, …)
 * @param treeSize records covered from seq 1; also the last covered seq
 * @param rootHash hex RFC 6962 root over the leaves {@code SHA-256(0x00 ‖ hash bytes)} of seqs 1 to
 *     treeSize
 * @param headHash hex chain {@code hash} of record treeSize
 * @param segment file name of the segment holding record treeSize
 * @param segmentFirstSeq seq of that segment's first record
 * @param segmentBytes bytes of that segment covered (it ends with record treeSize's newline)
 * @param segmentSha256 hex SHA-256 of those bytes (the statement's subject digest)
 * @param previous hex SHA-256 of the previous checkpoint's statement, 64 zeros for the first
 * @param time when it was made, UTC milliseconds (RFC 3339)
 * @param keyId the signing key's id
 * @param algorithm {@code ed25519} or {@code ecdsa-p256-sha256}
 */
record CheckpointFormat(
    long checkpoint,
    long treeSize,
    String rootHash,
    String headHash,
    String segment,
    long segmentFirstSeq,
    long segmentBytes,
    String segmentSha256,
    String previous,
    String time,
    String keyId,
    String algorithm) {

  static final String PREDICATE_TYPE = "https://warden.dev/ledger-checkpoint/v1";
  static final String DIR = "checkpoints";
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{10})\\.json");

  static String fileName(long number) {
    return String.format(Locale.ROOT, "checkpoint-%010d.json", number);
  }

  /** The checkpoint number in a file name, or -1 if it is not a checkpoint file name. */
  static long number(String fileName) {
    var m = NAME.matcher(fileName);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  InTotoStatement statement() {
    ObjectNode p = InTotoStatement.newPredicate();
    p.put("checkpoint", checkpoint);
    p.put("firstSeq", 1);
    p.put("lastSeq", treeSize);
    p.put("treeSize", treeSize);
    p.put("rootHash", rootHash);
    p.put("headHash", headHash);
    p.put("segment", segment);
    p.put("segmentFirstSeq", segmentFirstSeq);
    p.put("segmentBytes", segmentBytes);
    p.put("previous", previous);
    p.put("time", time);
    p.put("keyId", keyId);
    p.put("algorithm", algorithm);
    return new InTotoStatement(
        List.of(new InTotoStatement.Subject(segment, segmentSha256)), PREDICATE_TYPE, p);
  }

  /**
   * Reads a statement's predicate; checks shape only (numbers, hex, names), never trust.
   *
   * @throws InvalidEnvelopeException naming the bad field
   */
  static CheckpointFormat parse(byte[] statementJson) throws InvalidEnvelopeException {
    InTotoStatement s = InTotoStatement.parse(statementJson, PREDICATE_TYPE);
    ObjectNode p = s.predicate();
    long treeSize = positive(p, "treeSize");
    if (positive(p, "lastSeq") != treeSize || positive(p, "firstSeq") != 1) {
      throw new InvalidEnvelopeException("checkpoint firstSeq must be 1 and lastSeq = treeSize");
    }
    String segment = text(p, "segment");
    if (!Segments.isName(segment)) {
      throw new InvalidEnvelopeException("checkpoint segment is not a ledger segment name");
    }
    if (s.subjects().size() != 1 || !s.subjects().getFirst().name().equals(segment)) {
      throw new InvalidEnvelopeException("checkpoint subject must be exactly its segment");
    }
    return new CheckpointFormat(
        positive(p, "checkpoint"),
        treeSize,
        hex(p, "rootHash"),
        hex(p, "headHash"),
        segment,
        positive(p, "segmentFirstSeq"),
        positive(p, "segmentBytes"),
        s.subjects().getFirst().sha256(),
        hex(p, "previous"),
        text(p, "time"),
        text(p, "keyId"),
        text(p, "algorithm"));
  }

  private static long positive(ObjectNode p, String field) throws InvalidEnvelopeException {
    @Nullable JsonNode n = p.get(field);
    if (n == null || !n.isIntegralNumber() || n.longValue() < 1) {
      throw new InvalidEnvelopeException("checkpoint " + field + " missing or not positive");
    }
    return n.longValue();
  }

  private static String text(ObjectNode p, String field) throws InvalidEnvelopeException {
    @Nullable JsonNode n = p.get(field);
    if (n == null || !n.isString()) {
      throw new InvalidEnvelopeException("checkpoint " + field + " missing or not a string");
    }
    return n.stringValue();
  }

  private static String hex(ObjectNode p, String field) throws InvalidEnvelopeException {
    String s = text(p, field);
    if (!LedgerFormat.isHex64(s)) {
      throw new InvalidEnvelopeException("checkpoint " + field + " is not 64 lowercase hex digits");
    }
    return s;
  }
}
