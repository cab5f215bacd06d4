package dev.warden.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The verifier's fast path: proves a stored line is already in RFC 8785 canonical form by scanning
 * its bytes once, instead of parsing it into a tree and serializing the tree again, and cuts the
 * chain body and the chain fields out of it.
 *
 * <p>It accepts a strict subset of what {@link Entry#parse}'s general path accepts: ASCII only, no
 * whitespace, object member names without escapes in strictly increasing byte order (for ASCII,
 * byte order is UTF-16 code unit order, and strictly increasing excludes duplicates), string
 * escapes exactly as JCS writes them, integers in plain decimal within ±(2<sup>53</sup>−1) and not
 * {@code -0}, nesting at most {@link #MAX_DEPTH}, and top-level {@code seq} (a positive integer),
 * {@code prev}, {@code hash} and {@code mac} (64 lowercase hex digits each). Contract: {@link
 * #scan} returns null for anything outside that subset — never a verdict — and the caller falls
 * back to the general path, which then gives the same answer and the same error message as before;
 * for a line it accepts, the fields equal the general path's ({@code CanonicalLineTest} checks both
 * directions on random and mutated records).
 */
final class CanonicalLine {
  static final int MAX_DEPTH = 16;
  private static final long MAX_SAFE = Jcs.MAX_SAFE_INTEGER;

  /** What a successful scan found: the chain fields and the body (the line without hash, mac). */
  record Fields(long seq, String prev, String hash, String mac, byte[] body) {}

  private final byte[] b;
  private int p;

  // Top-level members, in order: start and end offsets of each "name":value span.
  private int[] starts = new int[24];
  private int[] ends = new int[24];
  private int members;
  private long seq = -1;
  private int prevAt = -1;
  private int hashAt = -1;
  private int macAt = -1;
  private int hashMember = -1;
  private int macMember = -1;

  private CanonicalLine(byte[] b) {
    this.b = b;
  }

  /** The line's fields if it is provably canonical and well-formed, else null (not a verdict). */
  static @Nullable Fields scan(byte[] line) {
    CanonicalLine s = new CanonicalLine(line);
    try {
      if (!s.topObject() || s.p != line.length) {
        return null;
      }
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return null; // ran off the end of the line: let the general path name the damage
    }
    return s.fields();
  }

  private @Nullable Fields fields() {
    if (seq < 1 || prevAt < 0 || hashAt < 0 || macAt < 0) {
      return null;
    }
    int length = 2 + Math.max(0, members - 3); // braces and the commas between kept members
    for (int i = 0; i < members; i++) {
      if (i != hashMember && i != macMember) {
        length += ends[i] - starts[i];
      }
    }
    byte[] body = new byte[length];
    int at = 0;
    body[at++] = '{';
    boolean first = true;
    for (int i = 0; i < members; i++) {
      if (i == hashMember || i == macMember) {
        continue;
      }
      if (!first) {
        body[at++] = ',';
      }
      first = false;
      System.arraycopy(b, starts[i], body, at, ends[i] - starts[i]);
      at += ends[i] - starts[i];
    }
    body[at++] = '}';
    if (at != length) {
      return null; // cannot happen with three distinct members among them; refuse, never guess
    }
    return new Fields(seq, hex(prevAt), hex(hashAt), hex(macAt), body);
  }

  private String hex(int at) {
    return new String(b, at, 64, StandardCharsets.US_ASCII);
  }

  private boolean topObject() {
    return b[p] == '{' && object(1, true);
  }

  /** Keeps a top-level member's span and checks the chain fields among them. */
  private boolean member(int start, int nameStart, int nameEnd, int valueStart) {
    if (!topLevelField(nameStart, nameEnd, valueStart, p)) {
      return false;
    }
    if (members == starts.length) {
      starts = java.util.Arrays.copyOf(starts, members * 2);
      ends = java.util.Arrays.copyOf(ends, members * 2);
    }
    starts[members] = start;
    ends[members] = p;
    members++;
    return true;
  }

  /** Records seq, prev, hash and mac; false if one of them has the wrong shape. */
  private boolean topLevelField(int nameStart, int nameEnd, int valueStart, int valueEnd) {
    int n = nameEnd - nameStart;
    if (n == 3 && is(nameStart, "seq")) {
      seq = positiveInteger(valueStart, valueEnd);
      return seq >= 1;
    }
    if (n == 4 && is(nameStart, "prev")) {
      prevAt = hex64(valueStart, valueEnd);
      return prevAt >= 0;
    }
    if (n == 4 && is(nameStart, "hash")) {
      hashAt = hex64(valueStart, valueEnd);
      hashMember = members;
      return hashAt >= 0;
    }
    if (n == 3 && is(nameStart, "mac")) {
      macAt = hex64(valueStart, valueEnd);
      macMember = members;
      return macAt >= 0;
    }
    return true;
  }

  private boolean is(int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (b[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private long positiveInteger(int from, int to) {
    long v = 0;
    if (from >= to || b[from] < '1' || b[from] > '9') {
      return -1;
    }
    for (int i = from; i < to; i++) {
      v = v * 10 + (b[i] - '0'); // value() already proved digits only and at most 16 of them
    }
    return v;
  }

  /** Offset of the 64 hex digits if {@code [from, to)} is a string of exactly those, else -1. */
  private int hex64(int from, int to) {
    if (to - from != 66 || b[from] != '"' || b[to - 1] != '"') {
      return -1;
    }
    int notHex = 0; // one table load per digit and no branch: three of these run per line
    for (int i = from + 1; i < to - 1; i++) {
      notHex |= NOT_LOWER_HEX[b[i] & 0xff];
    }
    return notHex == 0 ? from + 1 : -1;
  }

  /** 1 for every byte that is not one of {@code 0-9a-f}. */
  private static final byte[] NOT_LOWER_HEX = new byte[256];

  static {
    java.util.Arrays.fill(NOT_LOWER_HEX, (byte) 1);
    for (char c : "0123456789abcdef".toCharArray()) {
      NOT_LOWER_HEX[c] = 0;
    }
  }

  /**
   * Whether name {@code a} sorts strictly before name {@code b} (unsigned bytes). A plain loop:
   * member names are a few bytes, too short to pay for the vectorized mismatch's call.
   */
  private boolean ascending(int aFrom, int aTo, int bFrom, int bTo) {
    int n = Math.min(aTo - aFrom, bTo - bFrom);
    for (int i = 0; i < n; i++) {
      int x = b[aFrom + i] & 0xff;
      int y = b[bFrom + i] & 0xff;
      if (x != y) {
        return x < y;
      }
    }
    return aTo - aFrom < bTo - bFrom;
  }

  /** A member name: a string without escapes (so its bytes are its UTF-16 code units). */
  private boolean name() {
    if (b[p++] != '"') {
      return false;
    }
    while (true) {
      byte c = b[p++];
      if (c == '"') {
        return true;
      }
      if (c < 0x20 || c == '\\') { // negative: non-ASCII
        return false;
      }
    }
  }

  private boolean value(int depth) {
    byte c = b[p];
    switch (c) {
      case '"' -> {
        return string();
      }
      case '{' -> {
        return depth < MAX_DEPTH && object(depth + 1, false);
      }
      case '[' -> {
        return depth < MAX_DEPTH && array(depth + 1);
      }
      case 't' -> {
        return literal("true");
      }
      case 'f' -> {
        return literal("false");
      }
      case 'n' -> {
        return literal("null");
      }
      default -> {
        return integer();
      }
    }
  }

  /** An object whose members are in strictly increasing name order; {@code top}: the record. */
  private boolean object(int depth, boolean top) {
    p++; // '{'
    if (b[p] == '}') {
      p++;
      return true;
    }
    int lastStart = -1;
    int lastEnd = -1;
    while (true) {
      int start = p;
      int nameStart = p + 1;
      if (!name()) {
        return false;
      }
      int nameEnd = p - 1;
      if (lastStart >= 0 && !ascending(lastStart, lastEnd, nameStart, nameEnd)) {
        return false;
      }
      lastStart = nameStart;
      lastEnd = nameEnd;
      if (b[p++] != ':') {
        return false;
      }
      int valueStart = p;
      if (!value(depth) || (top && !member(start, nameStart, nameEnd, valueStart))) {
        return false;
      }
      byte next = b[p++];
      if (next == '}') {
        return true;
      }
      if (next != ',') {
        return false;
      }
    }
  }

  private boolean array(int depth) {
    p++; // '['
    if (b[p] == ']') {
      p++;
      return true;
    }
    while (true) {
      if (!value(depth)) {
        return false;
      }
      byte next = b[p++];
      if (next == ']') {
        return true;
      }
      if (next != ',') {
        return false;
      }
    }
  }

  /** A string exactly as JCS escapes it, ASCII only. */
  private boolean string() {
    p++; // '"'
    while (true) {
      while (p <= b.length - Long.BYTES && plain((long) LONGS.get(b, p))) {
        p += Long.BYTES; // most of a line is string bytes with nothing to look at
      }
      byte c = b[p++];
      if (c == '"') {
        return true;
      }
      if (c < 0x20) { // a raw control, or negative: non-ASCII (the general path decides)
        return false;
      }
      if (c == '\\' && !escape()) {
        return false;
      }
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

  /**
   * Whether all eight bytes of {@code w} are printable ASCII other than {@code "} and {@code \}: no
   * high bit ({@code | w}), none below 0x20 ({@code w - 0x20…} borrows into a high bit), none equal
   * to a quote or a backslash ({@code x - 1…} borrows out of a zero byte of {@code x}). A borrow
   * can only add false alarms, which merely send those bytes through the byte-wise loop.
   */
  private static boolean plain(long w) {
    return (((w - 0x20 * ONES) | ((w ^ QUOTES) - ONES) | ((w ^ BACKSLASHES) - ONES) | w) & HIGHS)
        == 0;
  }

  private boolean escape() {
    byte e = b[p++];
    switch (e) {
      case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
        return true;
      }
      case 'u' -> {
        // Only controls without a short form are written as a six-character escape, in lowercase
        // hex.
        if (b[p] != '0' || b[p + 1] != '0') {
          return false;
        }
        int hi = b[p + 2];
        int lo = hexDigit(b[p + 3]);
        p += 4;
        if ((hi != '0' && hi != '1') || lo < 0) {
          return false;
        }
        int v = (hi - '0') * 16 + lo;
        return v != 0x08 && v != 0x09 && v != 0x0a && v != 0x0c && v != 0x0d;
      }
      default -> {
        return false;
      }
    }
  }

  private static int hexDigit(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  private boolean literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (b[p++] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Plain decimal integer, no {@code -0}, magnitude within 2^53 - 1, not followed by . e E. */
  private boolean integer() {
    int from = p;
    if (b[p] == '-') {
      p++;
    }
    int digitsFrom = p;
    if (b[p] == '0') {
      p++;
      if (p - from == 2) {
        return false; // -0
      }
    } else {
      while (p < b.length && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
    }
    int digits = p - digitsFrom;
    if (digits == 0 || digits > 16) {
      return false;
    }
    if (p < b.length
        && (b[p] == '.' || b[p] == 'e' || b[p] == 'E' || (b[p] >= '0' && b[p] <= '9'))) {
      return false;
    }
    long v = 0;
    for (int i = digitsFrom; i < p; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v <= MAX_SAFE;
  }
}
