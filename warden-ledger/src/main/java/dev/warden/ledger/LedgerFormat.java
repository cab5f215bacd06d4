package dev.warden.ledger;

import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The on-disk record format, in one place so the writer and the verifier cannot drift apart.
 *
 * <p>{@code canonical} = JCS of the record without {@code hash} and {@code mac} (it includes {@code
 * prev}). Then {@code hash = hex(SHA-256(UTF-8(prev ‖ canonical)))} and {@code mac =
 * hex(HMAC(UTF-8(prevMac ‖ canonical)))}, where {@code prev} / {@code prevMac} are the previous
 * record's {@code hash} / {@code mac} as 64 lowercase hex characters ({@link #GENESIS} for the
 * first record). The line is JCS of the full record followed by {@code '\n'}.
 */
final class LedgerFormat {
  /** {@code prev} and {@code prevMac} of the first record. */
  static final String GENESIS = "0".repeat(64);

  static final String SEQ = "seq";
  static final String PREV = "prev";
  static final String HASH = "hash";
  static final String MAC = "mac";

  /** Strict reader: duplicate keys would let two parsers see two different records. */
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private LedgerFormat() {}

  /** The record as stored, minus {@code hash} and {@code mac}. Null model/errorType stay null. */
  static ObjectNode body(long seq, Instant time, String prev, LedgerRecord r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put(SEQ, seq);
    o.put("time", TIME.format(time));
    o.put(PREV, prev);
    o.put("event", r.event());
    o.put("correlationId", r.correlationId());
    o.put("route", r.route());
    o.put("model", r.model());
    o.put("mode", r.mode());
    o.put("outcome", r.outcome());
    o.put("status", r.status());
    o.put("errorType", r.errorType());
    ArrayNode findings = o.putArray("findings");
    for (LedgerRecord.FindingEntry f : r.findings()) {
      ObjectNode e = findings.addObject();
      e.put("type", f.type());
      e.put("ruleId", f.ruleId());
      e.put("action", f.action());
      e.put("path", f.path());
      e.put("length", f.length());
      e.put("valueHash", f.valueHash());
    }
    // Only streamed answers carry it, so records of every other kind keep their old shape.
    Long streamed = r.streamedBytes();
    if (streamed != null) {
      o.put("streamedBytes", streamed.longValue());
    }
    if (!r.details().isEmpty()) {
      // Policy records, and request records with a ticket or a shadow verdict, carry details;
      // other records keep their exact stored form.
      ObjectNode details = o.putObject("details");
      new java.util.TreeMap<>(r.details()).forEach(details::put);
    }
    dev.warden.api.Attribution who = r.attribution();
    if (who != null) {
      // Only exchange records are attributed; recovery and policy records keep their old shape.
      ObjectNode identity = o.putObject("identity");
      identity.put("id", who.identity().id());
      identity.put("kind", who.identity().kind().id());
      identity.put("method", who.identity().method());
      ArrayNode scopes = identity.putArray("scopes");
      new java.util.TreeSet<>(who.identity().scopes()).forEach(scopes::add);
      ObjectNode labels = identity.putObject("labels");
      new java.util.TreeMap<>(who.identity().labels()).forEach(labels::put);
      if (who.asserted()) {
        ObjectNode owner = o.putObject("owner");
        owner.put("agentId", who.agentId());
        owner.put("onBehalfOf", who.onBehalfOf());
        owner.put("assertedBy", who.identity().id());
      }
      if (who.profile() != null) {
        o.put("profile", who.profile());
      }
    }
    return o;
  }

  /** A record's {@code time} as ASCII bytes. */
  static byte[] time(Instant time) {
    return TIME.format(time).getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Lowercase hex of {@code b} as ASCII bytes. */
  static byte[] hexAscii(byte[] b) {
    byte[] out = new byte[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = HEX_DIGITS[(b[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX_DIGITS[b[i] & 0xF];
    }
    return out;
  }

  /** Throws {@link IllegalArgumentException} naming the field that JCS cannot represent. */
  static void checkEncodable(LedgerRecord r) {
    check("event", r.event());
    check("correlationId", r.correlationId());
    check("route", r.route());
    check("model", r.model());
    check("mode", r.mode());
    check("outcome", r.outcome());
    check("errorType", r.errorType());
    for (LedgerRecord.FindingEntry f : r.findings()) {
      check("findings.type", f.type());
      check("findings.ruleId", f.ruleId());
      check("findings.action", f.action());
      check("findings.path", f.path());
      check("findings.valueHash", f.valueHash());
    }
    for (java.util.Map.Entry<String, String> d : r.details().entrySet()) {
      check("details (a key)", d.getKey());
      check("details value", d.getValue());
    }
    dev.warden.api.Attribution who = r.attribution();
    if (who != null) {
      check("identity.id", who.identity().id());
      check("identity.method", who.identity().method());
      who.identity().scopes().forEach(s -> check("identity.scopes", s));
      for (java.util.Map.Entry<String, String> l : who.identity().labels().entrySet()) {
        check("identity.labels (a key)", l.getKey());
        check("identity.labels value", l.getValue());
      }
      check("owner.agentId", who.agentId());
      check("owner.onBehalfOf", who.onBehalfOf());
      check("profile", who.profile());
    }
  }

  private static void check(String field, @org.jspecify.annotations.Nullable String value) {
    if (value == null) {
      return;
    }
    try {
      Jcs.checkString(value);
    } catch (IllegalArgumentException e) {
      // The value itself may be client-controlled: name the field only.
      throw new IllegalArgumentException("field " + field + " contains a lone surrogate", e);
    }
  }

  static String hash(String prev, String canonical) {
    MessageDigest d = sha256();
    // prev is 64 hex digits (ASCII): hashing it and the body separately equals hashing prev ‖ body.
    d.update(prev.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(d.digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  static String mac(MessageAuthenticator mac, String prevMac, String canonical) {
    return HEX.formatHex(mac.tag(chainInput(prevMac, canonical)));
  }

  /** Whether {@code hashHex} is the hash of {@code prev ‖ body} (body as UTF-8 bytes). */
  static boolean hashMatches(String prev, byte[] body, String hashHex) {
    MessageDigest d = sha256();
    d.update(prev.getBytes(StandardCharsets.US_ASCII));
    return MessageDigest.isEqual(
        hexAscii(d.digest(body)), hashHex.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether {@code macHex} is the MAC of {@code prevMac ‖ body} (body as UTF-8 bytes). */
  static boolean macMatches(MessageAuthenticator mac, String prevMac, byte[] body, String macHex) {
    byte[] prev = prevMac.getBytes(StandardCharsets.US_ASCII); // 64 hex digits
    byte[] input = new byte[prev.length + body.length];
    System.arraycopy(prev, 0, input, 0, prev.length);
    System.arraycopy(body, 0, input, prev.length, body.length);
    return mac.verify(input, HEX.parseHex(macHex));
  }

  static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] chainInput(String prev, String canonical) {
    return (prev + canonical).getBytes(StandardCharsets.UTF_8);
  }

  // One digest per thread: getInstance's provider lookup costs more than hashing a record.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> {
        try {
          return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
      });

  private static MessageDigest sha256() {
    MessageDigest d = SHA256.get();
    d.reset();
    return d;
  }
}
