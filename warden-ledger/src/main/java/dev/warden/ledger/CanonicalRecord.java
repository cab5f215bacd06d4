package dev.warden.ledger;

import dev.warden.api.Attribution;
import dev.warden.api.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * surrogate (the message of {@link LedgerFormat#checkEncodable}, which runs only then) or an
 * integer outside ±(2<sup>53</sup>−1).
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
    Utf8 out = new Utf8(r);
    out.ascii("{\"correlationId\":");
    out.string(r.correlationId());
    if (!r.details().isEmpty()) {
      // Policy records, and request records with a ticket or a shadow verdict, carry details;
      // other records keep their exact stored form.
      out.ascii(",\"details\":");
      out.map(r.details());
    }
    out.ascii(",\"errorType\":");
    out.string(r.errorType());
    out.ascii(",\"event\":");
    out.string(r.event());
    out.ascii(",\"findings\":[");
    boolean first = true;
    for (LedgerRecord.FindingEntry f : r.findings()) {
      if (!first) {
        out.ascii(",");
      }
      first = false;
      out.ascii("{\"action\":");
      out.string(f.action());
      out.ascii(",\"length\":");
      out.ascii(Integer.toString(f.length()));
      out.ascii(",\"path\":");
      out.string(f.path());
      out.ascii(",\"ruleId\":");
      out.string(f.ruleId());
      out.ascii(",\"type\":");
      out.string(f.type());
      out.ascii(",\"valueHash\":");
      out.string(f.valueHash());
      out.ascii("}");
    }
    out.ascii("]");
    int e0 = out.length;
    Attribution who = r.attribution();
    if (who != null) {
      out.ascii(",\"identity\":{\"id\":");
      out.string(who.identity().id());
      out.ascii(",\"kind\":");
      out.string(who.identity().kind().id());
      out.ascii(",\"labels\":");
      out.map(who.identity().labels());
      out.ascii(",\"method\":");
      out.string(who.identity().method());
      out.ascii(",\"scopes\":[");
      first = true;
      for (String scope : new TreeSet<>(who.identity().scopes())) {
        if (!first) {
          out.ascii(",");
        }
        first = false;
        out.string(scope);
      }
      out.ascii("]}");
    }
    int e1 = out.length;
    out.ascii(",\"mode\":");
    out.string(r.mode());
    out.ascii(",\"model\":");
    out.string(r.model());
    out.ascii(",\"outcome\":");
    out.string(r.outcome());
    if (who != null && who.asserted()) {
      out.ascii(",\"owner\":{\"agentId\":");
      out.string(who.agentId());
      out.ascii(",\"assertedBy\":");
      out.string(who.identity().id());
      out.ascii(",\"onBehalfOf\":");
      out.string(who.onBehalfOf());
      out.ascii("}");
    }
    int e2 = out.length;
    if (who != null && who.profile() != null) {
      out.ascii(",\"profile\":");
      out.string(who.profile());
    }
    out.ascii(",\"route\":");
    out.string(r.route());
    int e3 = out.length;
    out.ascii(",\"status\":");
    out.ascii(Integer.toString(r.status()));
    Long streamed = r.streamedBytes();
    if (streamed != null) {
      // Only streamed answers carry it, so records of every other kind keep their old shape.
      long v = streamed.longValue();
      if (v > Jcs.MAX_SAFE_INTEGER || v < -Jcs.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("field streamedBytes is outside +-(2^53-1)");
      }
      out.ascii(",\"streamedBytes\":");
      out.ascii(Long.toString(v));
    }
    return new CanonicalRecord(out.toByteArray(), e0, e1, e2, e3);
  }

  /**
   * The record's canonical bytes, written as UTF-8 straight from the strings: one pass per string,
   * no {@code StringBuilder} and no re-encoding. Escapes exactly as {@link Jcs} does (the six short
   * forms, other controls as lowercase {@code &#92;u00xx}, nothing else).
   */
  private static final class Utf8 {
    private final LedgerRecord record;
    private byte[] bytes = new byte[1024];
    int length;

    Utf8(LedgerRecord record) {
      this.record = record;
    }

    void ascii(String s) {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        bytes[length++] = (byte) s.charAt(i); // member names and digits: ASCII only
      }
    }

    void string(@Nullable String s) {
      if (s == null) {
        ascii("null");
        return;
      }
      int n = s.length();
      room(n + 2);
      bytes[length++] = '"';
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
          bytes[length++] = (byte) c;
          continue;
        }
        room(n - i + 6); // the longest form of one char (an escape), and what is left of s
        if (c < 0x20 || c == '"' || c == '\\') {
          escape(c);
        } else if (c < 0x800) {
          bytes[length++] = (byte) (0xc0 | (c >> 6));
          bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (!Character.isSurrogate(c)) {
          bytes[length++] = (byte) (0xe0 | (c >> 12));
          bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
          bytes[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          bytes[length++] = (byte) (0xf0 | (cp >> 18));
          bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          bytes[length++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          // Let the reference check name the field (and only the field) as it always has.
          LedgerFormat.checkEncodable(record);
          throw new IllegalStateException("a lone surrogate that checkEncodable accepted");
        }
      }
      room(1);
      bytes[length++] = '"';
    }

    private void escape(char c) {
      bytes[length++] = '\\';
      switch (c) {
        case '"' -> bytes[length++] = '"';
        case '\\' -> bytes[length++] = '\\';
        case '\b' -> bytes[length++] = 'b';
        case '\t' -> bytes[length++] = 't';
        case '\n' -> bytes[length++] = 'n';
        case '\f' -> bytes[length++] = 'f';
        case '\r' -> bytes[length++] = 'r';
        default -> {
          bytes[length++] = 'u';
          bytes[length++] = '0';
          bytes[length++] = '0';
          bytes[length++] = (byte) Character.forDigit(c >> 4, 16);
          bytes[length++] = (byte) Character.forDigit(c & 0xF, 16);
        }
      }
    }

    void map(Map<String, String> m) {
      ascii("{");
      boolean first = true;
      // TreeMap orders by String.compareTo: UTF-16 code units, as RFC 8785 requires.
      for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          ascii(",");
        }
        first = false;
        string(e.getKey());
        ascii(":");
        string(e.getValue());
      }
      ascii("}");
    }

    private void room(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, length);
    }
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
