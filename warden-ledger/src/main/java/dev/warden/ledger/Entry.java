package dev.warden.ledger;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.merkle.Rfc6962;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One parsed ledger line: its position, its chain fields, its canonical body (the record without
 * {@code hash} and {@code mac}) as UTF-8 bytes and its RFC 6962 Merkle leaf hash (over the raw
 * chain hash), computed with the parse so it runs wherever lines are parsed ahead; the entry owns
 * both arrays and nobody modifies them.
 */
@SuppressWarnings("ArrayRecordComponent") // arrays never exposed for writing; equality unused
record Entry(
    Path file,
    long line,
    long seq,
    String prev,
    String hash,
    String mac,
    byte[] body,
    boolean hashValid,
    @Nullable String macCheckedAfter,
    boolean macCheckedOk,
    byte[] leafHash) {

  /** The predecessor of the first record. */
  static final Entry GENESIS =
      new Entry(
          Path.of(""),
          0,
          0,
          "",
          LedgerFormat.GENESIS,
          LedgerFormat.GENESIS,
          new byte[0],
          true,
          null,
          false,
          new byte[0]);

  private static final Set<String> CHAIN_FIELDS = Set.of(LedgerFormat.HASH, LedgerFormat.MAC);

  /** Thrown for a line that is not a well-formed ledger record; the reason never quotes it. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String reason) {
      super(reason);
    }
  }

  /**
   * Parses a line (without its {@code '\n'}). A line must be strict UTF-8, a JSON object, and
   * byte-identical to its own JCS form: anything else is not what the writer wrote. Lines the
   * writer wrote take {@link CanonicalLine}'s single scan; the rest the general path below, which
   * is the reference and names what is wrong.
   */
  static Entry parse(Path file, long line, byte[] bytes) throws MalformedException {
    CanonicalLine.Fields fast = CanonicalLine.scan(bytes);
    if (fast != null) {
      boolean valid = LedgerFormat.hashMatches(fast.prev(), fast.body(), fast.hash());
      return new Entry(
          file,
          line,
          fast.seq(),
          fast.prev(),
          fast.hash(),
          fast.mac(),
          fast.body(),
          valid,
          null,
          false,
          leaf(fast.hash()));
    }
    return parseGeneral(file, line, bytes);
  }

  /** The reference parse: strict decode, a JSON tree, JCS of the tree compared with the line. */
  static Entry parseGeneral(Path file, long line, byte[] bytes) throws MalformedException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedException("not valid UTF-8");
    }
    JsonNode node;
    try {
      node = LedgerFormat.MAPPER.readTree(text);
    } catch (JacksonException e) {
      // Jackson's message may quote the input; keep only our own words.
      throw new MalformedException("not valid JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new MalformedException("not a JSON object");
    }
    Jcs.Members canonical;
    try {
      canonical = Jcs.members(object);
    } catch (IllegalArgumentException e) {
      throw new MalformedException("not canonicalizable (" + e.getMessage() + ")");
    }
    if (!canonical.text().equals(text)) {
      throw new MalformedException("not in canonical (RFC 8785) form");
    }
    JsonNode seqNode = object.get(LedgerFormat.SEQ);
    if (seqNode == null || !seqNode.isIntegralNumber() || seqNode.longValue() < 1) {
      throw new MalformedException("seq missing or not a positive integer");
    }
    String prev = hex(object, LedgerFormat.PREV);
    String hash = hex(object, LedgerFormat.HASH);
    String mac = hex(object, LedgerFormat.MAC);
    // The body is the canonical line minus hash and mac: cut out, not serialized a second time.
    byte[] body = canonical.without(CHAIN_FIELDS).getBytes(StandardCharsets.UTF_8);
    boolean valid = LedgerFormat.hashMatches(prev, body, hash);
    return new Entry(
        file, line, seqNode.longValue(), prev, hash, mac, body, valid, null, false, leaf(hash));
  }

  private static byte[] leaf(String hashHex) {
    return Rfc6962.leafHash(HexFormat.of().parseHex(hashHex));
  }

  private static String hex(ObjectNode object, String field) throws MalformedException {
    @Nullable JsonNode node = object.get(field);
    if (node == null || !node.isString() || !LedgerFormat.isHex64(node.stringValue())) {
      throw new MalformedException(field + " missing or not 64 lowercase hex digits");
    }
    return node.stringValue();
  }

  /**
   * Whether this record is the valid successor of {@code p}: seq follows, prev links, its own hash
   * matches its contents, and (with a key) its MAC chains from {@code p}'s MAC.
   */
  boolean follows(Entry p, @Nullable MessageAuthenticator key) {
    return seq == p.seq + 1 && prev.equals(p.hash) && hashValid && macFollows(p, key);
  }

  /** True without a key; otherwise whether this MAC chains from {@code p}'s MAC. */
  boolean macFollows(Entry p, @Nullable MessageAuthenticator key) {
    if (key == null) {
      return true;
    }
    if (p.mac.equals(macCheckedAfter)) {
      return macCheckedOk; // computed ahead with the same key and the same predecessor MAC
    }
    return LedgerFormat.macMatches(key, p.mac, body, mac);
  }

  /**
   * This entry with its MAC checked ahead against {@code p}'s MAC; {@link #macFollows} reuses the
   * result for that predecessor MAC. Only the walk's own key may be used here.
   */
  Entry macCheckedAfter(Entry p, MessageAuthenticator key) {
    boolean ok = LedgerFormat.macMatches(key, p.mac, body, mac);
    return new Entry(file, line, seq, prev, hash, mac, body, hashValid, p.mac, ok, leafHash);
  }

  /** "ledger-000001.jsonl line 7 (seq 7)". */
  String where() {
    return file.getFileName() + " line " + line + " (seq " + seq + ")";
  }
}
