package dev.warden.ledger;

import dev.warden.api.Attribution;
import dev.warden.api.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LedgerRecord} already in its RFC 8785 canonical form, written directly (no JSON tree) on
 * the appender's thread, with gaps for what only the single writer knows: {@code seq}, {@code
 * time}, {@code prev}, {@code hash} and {@code mac}.
 *
 * <p>The record's member names are fixed, so their canonical order (UTF-16 code units) is too:
 * {@code correlationId, details, errorType, event, findings, [hash], identity, [mac], mode, model,
 * outcome, owner, [prev], profile, route, [seq], status, streamedBytes, [time]}. The bytes are kept
 * as five pieces between those writer fields. Contract: {@link #body} and {@link #line} produce
 * exactly the bytes of {@code Jcs.canonicalize(LedgerFormat.body(...))} and of the full record, the
 * generic path stays the reference ({@code CanonicalRecordTest} compares them on random records).
 *
 * <p>Failures: {@link IllegalArgumentException} naming the field (never its value) for a lone
 * surrogate or an integer outside ±(2<sup>53</sup>−1), as {@link LedgerFormat#checkEncodable}.
 */
final class CanonicalRecord {
  private static final byte[] HASH = bytes(",\"hash\":\"");
  private static final byte[] MAC = bytes(",\"mac\":\"");
  private static final byte[] PREV = bytes(",\"prev\":\"");
  private static final byte[] SEQ = bytes(",\"seq\":");
  private static final byte[] TIME = bytes(",\"time\":\"");
  private static final byte[] END = bytes("\"}");

  private final byte[] bytes;
  // End of each piece in bytes: [0,e0) before hash, [e0,e1) before mac, [e1,e2) before prev,
  // [e2,e3) before seq, [e3,e4) before time.
  private final int e0;
  private final int e1;
  private final int e2;
  private final int e3;

  private CanonicalRecord(byte[] bytes, int e0, int e1, int e2, int e3) {
    this.bytes = bytes;
    this.e0 = e0;
    this.e1 = e1;
    this.e2 = e2;
    this.e3 = e3;
  }

  /** Serializes {@code r}; see the class comment for failures. */
  static CanonicalRecord of(LedgerRecord r) {
    LedgerFormat.checkEncodable(r);
    StringBuilder out = new StringBuilder(768);
    out.append("{\"correlationId\":");
    string(r.correlationId(), out);
    if (!r.details().isEmpty()) {
      // Policy records, and request records with a ticket or a shadow verdict, carry details;
      // other records keep their exact stored form.
      out.append(",\"details\":");
      map(r.details(), out);
    }
    out.append(",\"errorType\":");
    string(r.errorType(), out);
    out.append(",\"event\":");
    string(r.event(), out);
    out.append(",\"findings\":[");
    boolean first = true;
    for (LedgerRecord.FindingEntry f : r.findings()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append("{\"action\":");
      string(f.action(), out);
      out.append(",\"length\":").append(f.length());
      out.append(",\"path\":");
      string(f.path(), out);
      out.append(",\"ruleId\":");
      string(f.ruleId(), out);
      out.append(",\"type\":");
      string(f.type(), out);
      out.append(",\"valueHash\":");
      string(f.valueHash(), out);
      out.append('}');
    }
    out.append(']');
    int c0 = out.length();
    Attribution who = r.attribution();
    if (who != null) {
      out.append(",\"identity\":{\"id\":");
      string(who.identity().id(), out);
      out.append(",\"kind\":");
      string(who.identity().kind().id(), out);
      out.append(",\"labels\":");
      map(who.identity().labels(), out);
      out.append(",\"method\":");
      string(who.identity().method(), out);
      out.append(",\"scopes\":[");
      first = true;
      for (String s : new TreeSet<>(who.identity().scopes())) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(s, out);
      }
      out.append("]}");
    }
    int c1 = out.length();
    out.append(",\"mode\":");
    string(r.mode(), out);
    out.append(",\"model\":");
    string(r.model(), out);
    out.append(",\"outcome\":");
    string(r.outcome(), out);
    if (who != null && who.asserted()) {
      out.append(",\"owner\":{\"agentId\":");
      string(who.agentId(), out);
      out.append(",\"assertedBy\":");
      string(who.identity().id(), out);
      out.append(",\"onBehalfOf\":");
      string(who.onBehalfOf(), out);
      out.append('}');
    }
    int c2 = out.length();
    if (who != null && who.profile() != null) {
      out.append(",\"profile\":");
      string(who.profile(), out);
    }
    out.append(",\"route\":");
    string(r.route(), out);
    int c3 = out.length();
    out.append(",\"status\":").append(r.status());
    Long streamed = r.streamedBytes();
    if (streamed != null) {
      // Only streamed answers carry it, so records of every other kind keep their old shape.
      long v = streamed.longValue();
      if (v > Jcs.MAX_SAFE_INTEGER || v < -Jcs.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("field streamedBytes is outside +-(2^53-1)");
      }
      out.append(",\"streamedBytes\":").append(v);
    }
    // Lone surrogates were refused above, so every piece has an exact UTF-8 form.
    byte[] p0 = out.substring(0, c0).getBytes(StandardCharsets.UTF_8);
    byte[] p1 = out.substring(c0, c1).getBytes(StandardCharsets.UTF_8);
    byte[] p2 = out.substring(c1, c2).getBytes(StandardCharsets.UTF_8);
    byte[] p3 = out.substring(c2, c3).getBytes(StandardCharsets.UTF_8);
    byte[] p4 = out.substring(c3).getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[p0.length + p1.length + p2.length + p3.length + p4.length];
    int e0 = p0.length;
    int e1 = e0 + p1.length;
    int e2 = e1 + p2.length;
    int e3 = e2 + p3.length;
    System.arraycopy(p0, 0, all, 0, p0.length);
    System.arraycopy(p1, 0, all, e0, p1.length);
    System.arraycopy(p2, 0, all, e1, p2.length);
    System.arraycopy(p3, 0, all, e2, p3.length);
    System.arraycopy(p4, 0, all, e3, p4.length);
    return new CanonicalRecord(all, e0, e1, e2, e3);
  }

  private static void string(@Nullable String s, StringBuilder out) {
    if (s == null) {
      out.append("null");
    } else {
      Jcs.appendString(s, out);
    }
  }

  private static void map(Map<String, String> m, StringBuilder out) {
    out.append('{');
    boolean first = true;
    // TreeMap orders by String.compareTo: UTF-16 code units, as RFC 8785 requires.
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      string(e.getValue(), out);
    }
    out.append('}');
  }

  /** Bytes {@link #body} writes for these writer fields. */
  int bodyLength(byte[] seq, byte[] time) {
    return bytes.length
        + PREV.length
        + 64
        + 1
        + SEQ.length
        + seq.length
        + TIME.length
        + time.length
        + END.length;
  }

  /** Bytes {@link #line} writes (with its {@code '\n'}). */
  int lineLength(byte[] seq, byte[] time) {
    return bodyLength(seq, time) + HASH.length + 65 + MAC.length + 65 + 1;
  }

  /**
   * Writes the canonical body (the record without {@code hash} and {@code mac}) at {@code out[at]};
   * returns the offset after it.
   *
   * @param seq decimal ASCII digits
   * @param time the record's time as ASCII
   * @param prev 64 lowercase hex digits as ASCII
   */
  int body(byte[] out, int at, byte[] seq, byte[] time, byte[] prev) {
    return write(out, at, seq, time, prev, null, null);
  }

  /** Writes the full line with {@code hash} and {@code mac} and a {@code '\n'}. */
  int line(byte[] out, int at, byte[] seq, byte[] time, byte[] prev, byte[] hash, byte[] mac) {
    int p = write(out, at, seq, time, prev, hash, mac);
    out[p] = '\n';
    return p + 1;
  }

  private int write(
      byte[] out,
      int at,
      byte[] seq,
      byte[] time,
      byte[] prev,
      byte @Nullable [] hash,
      byte @Nullable [] mac) {
    int p = put(out, at, bytes, 0, e0);
    if (hash != null) {
      p = put(out, p, HASH, 0, HASH.length);
      p = put(out, p, hash, 0, 64);
      out[p++] = '"';
    }
    p = put(out, p, bytes, e0, e1);
    if (mac != null) {
      p = put(out, p, MAC, 0, MAC.length);
      p = put(out, p, mac, 0, 64);
      out[p++] = '"';
    }
    p = put(out, p, bytes, e1, e2);
    p = put(out, p, PREV, 0, PREV.length);
    p = put(out, p, prev, 0, 64);
    out[p++] = '"';
    p = put(out, p, bytes, e2, e3);
    p = put(out, p, SEQ, 0, SEQ.length);
    p = put(out, p, seq, 0, seq.length);
    p = put(out, p, bytes, e3, bytes.length);
    p = put(out, p, TIME, 0, TIME.length);
    p = put(out, p, time, 0, time.length);
    return put(out, p, END, 0, END.length);
  }

  private static int put(byte[] out, int at, byte[] src, int from, int to) {
    System.arraycopy(src, from, out, at, to - from);
    return at + to - from;
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
