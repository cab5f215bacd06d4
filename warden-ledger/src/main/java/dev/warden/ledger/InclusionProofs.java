package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.merkle.InclusionProof;
import dev.warden.ledger.merkle.Rfc6962;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inclusion proofs of one ledger record against a signed checkpoint, checkable offline with only
 * the signer's public key: an auditor verifies one record without the ledger.
 *
 * <p>A proof is canonical JSON:
 *
 * <pre>{@code
 * {"auditPath":["<hex>",…], "checkpoint":{<DSSE envelope>},
 *  "format":"https://warden.dev/ledger-inclusion-proof/v1", "leafHash":"<hex>", "leafIndex":6,
 *  "record":"<the record as stored, without mac>", "seq":7, "treeSize":15}
 * }</pre>
 *
 * <p>The record leaves out {@code mac}: the leaf is its SHA-256 chain {@code hash}, which covers
 * every other field, and the MAC is checkable only with the HMAC key anyway.
 */
public final class InclusionProofs {
  public static final String FORMAT = "https://warden.dev/ledger-inclusion-proof/v1";
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> FIELDS =
      Set.of(
          "auditPath",
          "checkpoint",
          "format",
          "leafHash",
          "leafIndex",
          "record",
          "seq",
          "treeSize");

  private InclusionProofs() {}

  /**
   * Builds the proof of record {@code seq} against the newest checkpoint of the ledger in {@code
   * dir}, reading the records it covers once (O(log n) memory).
   *
   * @throws LedgerException if there is no checkpoint, it does not cover {@code seq}, or the
   *     records no longer match it (run {@code warden ledger verify})
   */
  public static String prove(Path dir, long seq) {
    try {
      Checkpointer.Existing cp = Checkpointer.newest(dir);
      if (cp == null) {
        throw new LedgerException(
            "no signed checkpoint under "
                + dir.resolve(CheckpointFormat.DIR)
                + "; a ledger writes them only when opened with a signing key");
      }
      CheckpointFormat f = cp.format();
      if (seq < 1 || seq > f.treeSize()) {
        throw new LedgerException(
            "seq "
                + seq
                + " is not covered by the newest checkpoint "
                + cp.file().getFileName()
                + " (seqs 1 to "
                + f.treeSize()
                + "); wait for the next checkpoint");
      }
      InclusionProof.Builder builder = new InclusionProof.Builder(seq - 1, f.treeSize());
      String[] record = {""};
      ChainWalker.walk(
          Segments.list(dir),
          null,
          (e, end) -> {
            if (e.seq() <= f.treeSize()) {
              builder.add(e.leafHash());
            }
            if (e.seq() == seq) {
              ObjectNode o = (ObjectNode) LedgerFormat.MAPPER.readTree(e.body());
              o.put(LedgerFormat.HASH, e.hash());
              record[0] = Jcs.canonicalize(o);
            }
          },
          ChainWalker.FROM_GENESIS);
      byte[] root;
      try {
        root = builder.root();
      } catch (IllegalStateException e) {
        throw new LedgerException(
            "the ledger holds fewer intact records than checkpoint "
                + cp.file().getFileName()
                + " covers; run warden ledger verify",
            e);
      }
      if (!HEX.formatHex(root).equals(f.rootHash())) {
        throw new LedgerException(
            "the records do not match checkpoint "
                + cp.file().getFileName()
                + "; run warden ledger verify");
      }
      ObjectNode proof = LedgerFormat.MAPPER.createObjectNode();
      proof.put("format", FORMAT);
      proof.put("seq", seq);
      proof.put("record", record[0]);
      proof.put("leafIndex", seq - 1);
      proof.put("treeSize", f.treeSize());
      proof.put("leafHash", HEX.formatHex(builder.leafHash()));
      ArrayNode path = proof.putArray("auditPath");
      InclusionProof.hex(builder.path()).forEach(path::add);
      String envelope = Files.readString(cp.file(), StandardCharsets.UTF_8).strip();
      proof.set("checkpoint", LedgerFormat.MAPPER.readTree(envelope));
      return Jcs.canonicalize(proof);
    } catch (IOException e) {
      throw new LedgerException("cannot read the ledger at " + dir, e);
    } catch (InvalidEnvelopeException e) {
      throw new LedgerException(
          "the newest checkpoint under " + dir + " is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * What a verified proof proves.
   *
   * @param seq the record's seq
   * @param record the record as proven (canonical JSON, without mac)
   * @param treeSize records the checkpoint covers
   * @param checkpoint the checkpoint's number
   * @param keyId the key whose signature verified
   */
  public record Verified(long seq, String record, long treeSize, long checkpoint, String keyId) {}

  /**
   * Checks a proof offline: the checkpoint's DSSE signature with {@code keys}, the record's own
   * hash, its leaf, and the audit path up to the signed root.
   *
   * @throws InvalidEnvelopeException naming the first thing that does not hold
   */
  public static Verified verify(String proofJson, List<PublicKey> keys)
      throws InvalidEnvelopeException {
    JsonNode root;
    try {
      root = LedgerFormat.MAPPER.readTree(proofJson);
    } catch (JacksonException e) {
      throw new InvalidEnvelopeException("proof is not valid JSON");
    }
    if (!(root instanceof ObjectNode proof)) {
      throw new InvalidEnvelopeException("proof is not a JSON object");
    }
    Set<String> unknown = new TreeSet<>(proof.propertyNames());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty() || proof.size() != FIELDS.size()) {
      throw new InvalidEnvelopeException(
          "proof must have exactly the fields " + new TreeSet<>(FIELDS));
    }
    if (!FORMAT.equals(text(proof, "format"))) {
      throw new InvalidEnvelopeException("proof format is not " + FORMAT);
    }
    JsonNode envelope = proof.get("checkpoint");
    if (!(envelope instanceof ObjectNode)) {
      throw new InvalidEnvelopeException("proof checkpoint is not a DSSE envelope object");
    }
    byte[] payload;
    try {
      payload = Dsse.verify(Jcs.canonicalize(envelope), Dsse.IN_TOTO_PAYLOAD_TYPE, keys);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException("proof checkpoint is not canonicalizable JSON");
    }
    CheckpointFormat f = CheckpointFormat.parse(payload);

    long seq = number(proof, "seq");
    long leafIndex = number(proof, "leafIndex");
    long treeSize = number(proof, "treeSize");
    if (treeSize != f.treeSize()) {
      throw new InvalidEnvelopeException(
          "proof treeSize " + treeSize + " is not the checkpoint's " + f.treeSize());
    }
    if (leafIndex != seq - 1 || seq < 1 || seq > treeSize) {
      throw new InvalidEnvelopeException("proof leafIndex must be seq - 1, within the tree");
    }
    String record = text(proof, "record");
    String chainHash = recordHash(record, seq);
    byte[] leaf = Rfc6962.leafHash(HEX.parseHex(chainHash));
    if (!HEX.formatHex(leaf).equals(text(proof, "leafHash"))) {
      throw new InvalidEnvelopeException("proof leafHash is not the leaf of the record's hash");
    }
    JsonNode path = proof.get("auditPath");
    if (path == null || !path.isArray()) {
      throw new InvalidEnvelopeException("proof auditPath is not an array");
    }
    List<byte[]> hashes = new ArrayList<>();
    for (JsonNode h : path) {
      if (!h.isString() || !LedgerFormat.isHex64(h.stringValue())) {
        throw new InvalidEnvelopeException("proof auditPath entries must be 64 lowercase hex");
      }
      hashes.add(HEX.parseHex(h.stringValue()));
    }
    byte[] computed;
    try {
      computed = InclusionProof.rootFromPath(leafIndex, treeSize, leaf, hashes);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException("proof auditPath: " + e.getMessage(), e);
    }
    if (!MessageDigest.isEqual(computed, HEX.parseHex(f.rootHash()))) {
      throw new InvalidEnvelopeException(
          "the audit path does not lead to the signed Merkle root: the record is not in the ledger"
              + " the checkpoint signed");
    }
    return new Verified(seq, record, treeSize, f.checkpoint(), f.keyId());
  }

  /** Checks the record's own chain hash and seq; returns the hash. */
  private static String recordHash(String record, long seq) throws InvalidEnvelopeException {
    ObjectNode o;
    try {
      JsonNode n = LedgerFormat.MAPPER.readTree(record);
      if (!(n instanceof ObjectNode obj)) {
        throw new InvalidEnvelopeException("proof record is not a JSON object");
      }
      o = obj;
    } catch (JacksonException e) {
      throw new InvalidEnvelopeException("proof record is not valid JSON");
    }
    if (!Jcs.canonicalize(o).equals(record)) {
      throw new InvalidEnvelopeException("proof record is not in canonical (RFC 8785) form");
    }
    if (o.has(LedgerFormat.MAC)) {
      throw new InvalidEnvelopeException("proof record must not carry mac (it is not proven)");
    }
    String hash = text(o, LedgerFormat.HASH);
    String prev = text(o, LedgerFormat.PREV);
    JsonNode s = o.get(LedgerFormat.SEQ);
    if (!LedgerFormat.isHex64(hash) || !LedgerFormat.isHex64(prev)) {
      throw new InvalidEnvelopeException("proof record hash and prev must be 64 lowercase hex");
    }
    if (s == null || !s.isIntegralNumber() || s.longValue() != seq) {
      throw new InvalidEnvelopeException("proof record seq is not the proof's seq " + seq);
    }
    o.remove(LedgerFormat.HASH);
    if (!LedgerFormat.hash(prev, Jcs.canonicalize(o)).equals(hash)) {
      throw new InvalidEnvelopeException("proof record does not match its own hash (modified)");
    }
    return hash;
  }

  private static String text(ObjectNode o, String field) throws InvalidEnvelopeException {
    @Nullable JsonNode n = o.get(field);
    if (n == null || !n.isString()) {
      throw new InvalidEnvelopeException("proof " + field + " missing or not a string");
    }
    return n.stringValue();
  }

  private static long number(ObjectNode o, String field) throws InvalidEnvelopeException {
    @Nullable JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber()) {
      throw new InvalidEnvelopeException("proof " + field + " missing or not an integer");
    }
    return n.longValue();
  }
}
